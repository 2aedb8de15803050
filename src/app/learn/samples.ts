/**
 * The samples as a person pastes them: SMS separated by blank lines; one SMS may span several lines (the
 * parser joins them with single spaces anyway). Windows line ends and stray spaces on the blank lines are fine.
 */
export function splitSamples(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
