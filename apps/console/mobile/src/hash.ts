/** SHA-256 (lower-case hex) with WebCrypto: how the server names evidence files and checks uploads. */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array | string): Promise<string> {
  const bytes =
    typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data instanceof Uint8Array ? data : new Uint8Array(data);
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random UUID (v4) for idempotency keys and local ids. */
export function newId(): string {
  return crypto.randomUUID();
}
