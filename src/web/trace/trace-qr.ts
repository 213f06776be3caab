import { create } from 'qrcode/lib/core/qrcode.js';
import { QR_QUIET_ZONE, qrPath } from './trace-format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An inline SVG QR code of `text` (medium error correction: survives a smudged print), drawn in the
 * browser from the `qrcode` package's encoder with DOM calls — no markup string is parsed. Black on white
 * whatever the page's colours, so every scanner reads it; `label` is its accessible name.
 */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const extent = modules.size + 2 * QR_QUIET_ZONE;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${extent} ${extent}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('data-modules', String(modules.size));
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(extent));
  background.setAttribute('height', String(extent));
  background.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', qrPath(modules.size, (r, c) => modules.get(r, c) !== 0));
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  return svg;
}
