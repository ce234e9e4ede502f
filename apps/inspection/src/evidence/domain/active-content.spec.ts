import { deflateSync } from 'node:zlib';
import { seededRandom } from '#domain';
import { findActiveContent } from './active-content.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const bytes = (...parts: (Buffer | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

/** A minimal PDF around `body` (object 1). */
const pdf = (...body: (Buffer | string)[]) => bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', ...body, '\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('findActiveContent', () => {
  it('finds HTML after an image header (a polyglot), in any case, wherever it is', () => {
    expect(findActiveContent(bytes(PNG, '<html><body>x</body></html>'), 'image/png')).toMatch(/HTML/);
    expect(findActiveContent(bytes(PNG, Buffer.alloc(100_000), '<SCRIPT>alert(1)</SCRIPT>'), 'image/png')).toMatch(/HTML/);
    expect(findActiveContent(bytes([0xff, 0xd8, 0xff, 0xe0].map((b) => String.fromCharCode(b)).join(''), '<!DOCTYPE html>'), 'image/jpeg')).toMatch(/HTML/);
    expect(findActiveContent(pdf('<iframe src=x>'), 'application/pdf')).toMatch(/HTML/);
  });

  it('finds JavaScript in a PDF: /JS, /JavaScript, escaped names and compressed object streams', () => {
    expect(findActiveContent(pdf('1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj'), 'application/pdf')).toMatch(/JavaScript/);
    expect(findActiveContent(pdf('1 0 obj << /AA << /O << /S /Launch /JS 2 0 R >> >> >> endobj'), 'application/pdf')).toMatch(/JavaScript/);
    expect(findActiveContent(pdf('1 0 obj << /S /J#61vaScript /J#53 (x) >> endobj'), 'application/pdf')).toMatch(/JavaScript/);
    const hidden = deflateSync(Buffer.from('2 0 << /S /JavaScript /JS (app.alert(1)) >>'));
    expect(findActiveContent(pdf('1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n', hidden, '\nendstream\nendobj'), 'application/pdf')).toMatch(/JavaScript/);
    expect(findActiveContent(pdf('1 0 obj << /Type /ObjStm /N 1 /Filter /ASCIIHexDecode >>\nstream\n3C3C2F4A53', '\nendstream\nendobj'), 'application/pdf')).toMatch(/cannot be inspected/);
  });

  it('accepts clean files: a plain PDF, XMP metadata, names that only start like /JS', () => {
    expect(findActiveContent(pdf('1 0 obj << /Type /Catalog /Pages 2 0 R /JSONData 3 0 R >> endobj'), 'application/pdf')).toBeUndefined();
    const content = deflateSync(Buffer.from('BT /F1 12 Tf (hello) Tj ET'));
    expect(findActiveContent(pdf('4 0 obj << /Length 20 /Filter /FlateDecode >>\nstream\n', content, '\nendstream\nendobj'), 'application/pdf')).toBeUndefined();
    const xmp = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><dc:title>河道</dc:title></rdf:RDF></x:xmpmeta>';
    expect(findActiveContent(bytes([0xff, 0xd8, 0xff, 0xe1].map((b) => String.fromCharCode(b)).join(''), xmp), 'image/jpeg')).toBeUndefined();
  });

  it('does not flag random bytes (a photo or video) or the /JS bytes inside a PDF image stream', () => {
    const random = seededRandom(11);
    const noise = Buffer.from(Array.from({ length: 500_000 }, () => Math.floor(random() * 256)));
    expect(findActiveContent(bytes(PNG, noise), 'image/png')).toBeUndefined();
    expect(findActiveContent(pdf('5 0 obj << /Subtype /Image /Filter /DCTDecode >>\nstream\n', noise, '/JS ', '\nendstream\nendobj'), 'application/pdf')).toBeUndefined();
  });
});
