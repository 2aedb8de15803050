/**
 * The clock of each African country whose offset never changes (no daylight saving), by ISO 3166 code.
 * Countries with two zones (DR Congo) or seasonal clocks (Egypt, Morocco) are absent: `--time-zone` says it.
 */
const OFFSETS: Record<string, string> = {
  KE: '+03:00', TZ: '+03:00', UG: '+03:00', ET: '+03:00', SO: '+03:00', DJ: '+03:00', ER: '+03:00', MG: '+03:00', KM: '+03:00',
  RW: '+02:00', BI: '+02:00', ZM: '+02:00', ZW: '+02:00', MW: '+02:00', MZ: '+02:00', ZA: '+02:00', BW: '+02:00', LS: '+02:00',
  SZ: '+02:00', NA: '+02:00', SS: '+02:00', SD: '+02:00', LY: '+02:00',
  NG: '+01:00', CM: '+01:00', CG: '+01:00', GA: '+01:00', TD: '+01:00', CF: '+01:00', GQ: '+01:00', BJ: '+01:00', NE: '+01:00',
  AO: '+01:00', DZ: '+01:00', TN: '+01:00',
  GH: '+00:00', BF: '+00:00', CI: '+00:00', SN: '+00:00', ML: '+00:00', GN: '+00:00', SL: '+00:00', LR: '+00:00', TG: '+00:00',
  GM: '+00:00', GW: '+00:00', MR: '+00:00', ST: '+00:00',
};

export function countryOffset(country: string): string | null {
  return OFFSETS[country.toUpperCase()] ?? null;
}
