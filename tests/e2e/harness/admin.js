// Client of the emulator's admin API: plain HTTP on 127.0.0.1, JSON bodies.

export class EmulatorAdmin {
  /** @param {number} port */
  constructor(port) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   */
  async call(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Emulator admin ${method} ${path} failed with ${response.status}: ${text}`);
    }
    return text === '' ? null : JSON.parse(text);
  }

  seed() {
    return this.call('GET', '/seed');
  }

  reset() {
    return this.call('POST', '/reset');
  }

  /** @param {number} seconds */
  advanceClock(seconds) {
    return this.call('POST', '/clock/advance', { seconds });
  }

  expireTokens() {
    return this.call('POST', '/tokens/expire');
  }

  /** @param {'minute' | 'hour'} window */
  exhaustRateLimit(window) {
    return this.call('POST', '/rate-limit/exhaust', { window });
  }

  /** @param {{method?: string, pathRegex: string, fault: '500' | '503' | 'hang' | 'drop', count?: number}} fault */
  addFault(fault) {
    return this.call('POST', '/faults', fault);
  }

  /** @param {{upn: string, scopes?: string[], cloud?: string, lifetimeSeconds?: number}} request */
  mintToken(request) {
    return this.call('POST', '/tokens', request);
  }

  /**
   * Every request the TLS port received, oldest first.
   * @returns {Promise<Array<{seq: number, method: string, host: string, path: string, query: string | null,
   *   headers: Record<string, string>, auth: {scheme: string, upn: string | null, valid: boolean} | null,
   *   body: string | null, status: number, ms: number}>>}
   */
  requests() {
    return this.call('GET', '/requests');
  }

  /** Requests to the Defender API whose path ends with `/StopAndQuarantineFile`. */
  async quarantineRequests() {
    const all = await this.requests();
    return all.filter((request) => request.method === 'POST' && /\/StopAndQuarantineFile$/i.test(request.path));
  }

  clearRequests() {
    return this.call('DELETE', '/requests');
  }
}
