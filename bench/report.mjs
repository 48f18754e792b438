// Medians, rates and the Markdown table the benchmark prints.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function mibPerSecond(bytes, ms) {
  return bytes / (1024 * 1024) / (ms / 1000);
}

/** Formats rows of strings as a Markdown table with the given header. */
export function formatTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
