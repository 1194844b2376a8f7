import { useMemo } from 'react';
import { encodeQrCode } from '../qr/qr-code';

/** The light margin scanners need around the code, in modules. */
const QUIET_ZONE = 4;

/** One path of 1×1 squares for the dark modules: crisp at any size, and cheap to render. */
function darkModulesPath(modules: boolean[][]): string {
  const squares: string[] = [];
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) squares.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    }),
  );
  return squares.join('');
}

/**
 * A QR code of the text as an SVG image, dark on white whatever the page's colours, or
 * nothing if the text is too long for one (the caller shows the text another way too).
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const modules = useMemo(() => {
    try {
      return encodeQrCode(text);
    } catch (error) {
      console.error('QR code not drawn', error);
      return null;
    }
  }, [text]);
  if (!modules) return null;
  const size = modules.length + QUIET_ZONE * 2;
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="qr-code">
      <rect width={size} height={size} fill="#fff" />
      <path d={darkModulesPath(modules)} fill="#000" />
    </svg>
  );
}
