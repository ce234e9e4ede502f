/**
 * Folds the characters people use interchangeably in Chinese documents onto ASCII, one UTF-16 code
 * unit for one, so that indexes found in the folded text are valid in the original:
 * full-width digits, letters and punctuation (１３９，＋８６，（０５７１）), the ideographic space and
 * no-break space, and the dash look-alikes. Officers typing with a Chinese IME produce all of these,
 * and a phone number written in full-width digits is still a phone number.
 */
export function foldForScanning(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0 || code === 0x2002 || code === 0x2003 || code === 0x2009) out += ' ';
    else if (code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2013 || code === 0x2014 || code === 0x2212) out += '-';
    else out += text[i];
  }
  return out;
}
