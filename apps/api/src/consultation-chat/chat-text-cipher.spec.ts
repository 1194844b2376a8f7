import { randomUUID } from 'node:crypto';
import { DecryptionErrorCode, generateDataKey } from '@vetmeet/crypto';
import { openChatText, sealChatText } from './chat-text-cipher';

describe(sealChatText.name, () => {
  const key = generateDataKey();
  const id = randomUUID();

  it('round-trips any text, and leaves none of it readable', () => {
    const text = 'Барсик не їсть з учора 🐱\nand limps';
    const sealed = sealChatText(key, id, text);
    expect(openChatText(key, id, sealed)).toBe(text);
    expect(sealed.includes(Buffer.from('Барсик'))).toBe(false);
    expect(sealed.includes(Buffer.from('limps'))).toBe(false);
  });

  it('does not open under another key, for another message, or when altered', () => {
    const sealed = sealChatText(key, id, 'hello');
    expect(() => openChatText(generateDataKey(), id, sealed)).toThrow(expect.objectContaining({ code: DecryptionErrorCode.WrongKey }));
    expect(() => openChatText(key, randomUUID(), sealed)).toThrow('sealed for another message');
    const altered = Buffer.from(sealed);
    altered[altered.length - 20] ^= 1;
    expect(() => openChatText(key, id, altered)).toThrow();
  });
});
