/** Every string and every byte (as latin1) of a value: plaintext anywhere in it shows, also inside byte fields. */
export function rawText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (Array.isArray(value)) return value.map(rawText).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, item]) => `${key}=${rawText(item)}`)
      .join('\n');
  }
  return String(value);
}
