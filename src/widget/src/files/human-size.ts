const units = ["B", "KB", "MB", "GB"];

/** A file size as people read it: "512 B", "1.2 MB", "34 MB" (binary multiples, one decimal below ten). */
export function humanSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // 9.96 rounds to "10.0": past ten, whole numbers.
  const shown = Number(value.toFixed(1)) < 10 ? value.toFixed(1).replace(/\.0$/, "") : String(Math.round(value));
  return `${shown} ${units[unit]}`;
}
