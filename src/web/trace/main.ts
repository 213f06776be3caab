import './trace.css';
import { startTracePage } from './trace-page.js';

/** The buyer page's entry (`/trace/<code>`, src/web/trace.html): no dashboard code, no ECharts. */
const root = document.getElementById('trace');
const langButton = document.getElementById('lang');
if (!root || !(langButton instanceof HTMLButtonElement)) throw new Error('trace.html lacks #trace or #lang');
startTracePage(root, langButton);
