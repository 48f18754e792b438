// Shapes of the plain objects that cross the core's wasm boundary and extension
// messaging. They mirror the core's JSON (camelCase keys, as the Defender API names them).

export type CloudId = 'commercial' | 'gcc' | 'gccHigh' | 'dod';

export interface Region {
  id: string;
  host: string;
}

export interface CloudProfile {
  cloud: CloudId;
  authorityHost: string;
  defaultApiHost: string;
  apiHosts: string[];
  regions: Region[];
  resource: string;
  scopes: string[];
  portalHosts: string[];
}

export interface MachineAction {
  id: string;
  type: string;
  status: 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled' | string;
  isFinal: boolean;
  machineId: string | null;
  computerDnsName: string | null;
  requestor: string | null;
  requestorComment: string | null;
  creationDateTimeUtc: string | null;
  lastUpdateDateTimeUtc: string | null;
  cancellationRequestor: string | null;
  cancellationComment: string | null;
  cancellationDateTimeUtc: string | null;
  relatedFileInfo: { fileIdentifier: string; fileIdentifierType: string } | null;
  errorHResult: number | null;
  troubleshootInfo: string | null;
}

export interface Machine {
  id: string;
  computerDnsName: string | null;
  osPlatform: string | null;
  version: string | null;
  osBuild: number | null;
  healthStatus: string | null;
  onboardingStatus: string | null;
  lastSeen: string | null;
  rbacGroupName: string | null;
  machineTags: string[] | null;
}

export interface DefenderFile {
  sha1: string | null;
  sha256: string | null;
  md5: string | null;
  size: number | null;
  isPeFile: boolean | null;
  signer: string | null;
  issuer: string | null;
  isValidCertificate: boolean | null;
  filePublisher: string | null;
  fileProductName: string | null;
  globalPrevalence: number | null;
}

export interface PortalContext {
  page: 'device' | 'file' | 'alert' | 'incident' | string;
  machineId: string | null;
  fileHash: string | null;
  alertId: string | null;
  incidentId: string | null;
  tenantId: string | null;
}

export interface ClassifiedHash {
  kind: 'sha1' | 'sha256' | 'md5';
  value: string;
}

/** What the core's API client rejects with. */
export interface ApiError {
  kind:
    | 'unauthorized'
    | 'forbidden'
    | 'notFound'
    | 'alreadyPending'
    | 'rateLimited'
    | 'invalidRequest'
    | 'server'
    | 'unexpected'
    | 'network'
    | 'urlNotAllowed';
  status: number | null;
  code: string | null;
  message: string | null;
  target: string | null;
  retryAfterSeconds: number | null;
}

/**
 * A failure that is not an API answer: a core validation code (hashWrongLength, ...),
 * a hashing code, or one of the extension's own (signInRequired, notConfigured, ...).
 * The details depend on the code.
 */
export interface CodedError {
  code: string;
  [detail: string]: unknown;
}

export type PlainError = ApiError | CodedError;

export type RecordPhase =
  | 'queued'
  | 'waiting'
  | 'sending'
  | 'checking'
  | 'following'
  | 'done'
  | 'failed';

/** One stop-and-quarantine request and what became of it, kept in the history. */
export interface QuarantineRecord {
  requestId: string;
  createdAt: number;
  updatedAt: number;
  cloud: CloudId;
  apiBase: string;
  machineId: string;
  computerDnsName: string | null;
  sha1: string;
  comment: string;
  fileName: string | null;
  phase: RecordPhase;
  /** Why the record is checking the action list: after `alreadyPending` or an uncertain send. */
  checkReason: 'alreadyPending' | 'uncertain' | null;
  /** Earliest time (ms since the epoch) of the next step. */
  notBefore: number;
  /** Set while the record waits because Defender or the local limiter asked to. */
  waitReason: 'rateLimited' | 'signInRequired' | 'retrying' | null;
  attempts: number;
  checks: number;
  polls: number;
  action: MachineAction | null;
  /** True when the action was created earlier, by this or another request. */
  existing: boolean;
  error: PlainError | null;
  notified: boolean;
}

export interface Account {
  upn: string;
  name: string | null;
  tenantId: string | null;
}

export interface Status {
  configured: boolean;
  signedIn: boolean;
  account: Account | null;
  cloud: CloudId;
  apiBase: string | null;
}
