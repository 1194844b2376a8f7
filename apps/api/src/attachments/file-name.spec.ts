import { cleanFileName, contentDisposition } from './file-name';

describe(cleanFileName.name, () => {
  it('keeps an ordinary name as it was given', () => {
    expect(cleanFileName('Röntgen Thorax 2026-11-02.png')).toBe('Röntgen Thorax 2026-11-02.png');
  });

  it('drops folders, control and bidirectional-override characters', () => {
    expect(cleanFileName('C:\\Users\\maria\\..\\scan.pdf')).toBe('scan.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('photo\u202Egnp.exe')).toBe('photognp.exe');
    expect(cleanFileName('line\r\nbreak.png')).toBe('linebreak.png');
  });

  it('names a file that has no usable name', () => {
    expect(cleanFileName(undefined)).toBe('attachment');
    expect(cleanFileName('..')).toBe('attachment');
    expect(cleanFileName('\u0000')).toBe('attachment');
  });

  it('caps the length at 255 characters', () => {
    expect(Array.from(cleanFileName('ж'.repeat(400)))).toHaveLength(255);
  });
});

describe(contentDisposition.name, () => {
  it('gives an ASCII fallback and the exact name, neither able to break the header', () => {
    expect(contentDisposition('attachment', 'a"b\\c;d%e.pdf')).toBe(`attachment; filename="a_b_c_d_e.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%25e.pdf`);
    expect(contentDisposition('inline', 'Кіт.png')).toBe(`inline; filename=".png"; filename*=UTF-8''%D0%9A%D1%96%D1%82.png`);
    expect(contentDisposition('inline', 'Кіт')).toBe(`inline; filename="attachment"; filename*=UTF-8''%D0%9A%D1%96%D1%82`);
  });
});
