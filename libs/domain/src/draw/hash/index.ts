export { Sha256, PrefixedSha256, sha256 } from './sha256.js';
export { md5 } from './md5.js';
export { toHex, fromHex, utf8 } from './encoding.js';
export { LineHasher, sha256HexOfLines, pureSha256, type Sha256Factory, type StreamingHash } from './hash-lines.js';
