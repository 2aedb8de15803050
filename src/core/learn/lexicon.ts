/**
 * The words around a value that say what it is, in English, French, Portuguese and Swahili (plus a few Somali
 * and Amharic-transliterated forms seen in receipts). All are folded (lower case, no accents), so `reçu` and
 * `recu` are one cue. A cue counts only when it ends nearest to the value: in "Message from sender: …" the
 * nearest cue is "message from sender" (a reference), not "from" (the payer).
 */
export type Cue = 'amount' | 'balance' | 'fee' | 'code' | 'party' | 'account' | 'recipient' | 'date';

const CUES: Array<[Cue, string[]]> = [
  ['amount', ['received', 'recieved', 'receive', 'recu', 'recue', 'recebeste', 'recebeu', 'recebido', 'recebida', 'recebeu o valor', 'umepokea', 'pokea', 'imepokelewa', 'montant', 'amount', 'valor', 'kiasi', 'credited', 'credite', 'creditado', 'payment of', 'payment received for', 'paiement de', 'deposit of', 'transfer confirmation', 'somme de', 'la somme de']],
  ['balance', ['balance', 'bal', 'solde', 'saldo', 'salio', 'haraagaagu', 'nouveau solde', 'novo saldo', 'salio jipya']],
  ['fee', ['fee', 'fees', 'frais', 'taxa', 'tarifa', 'ada', 'gharama', 'transaction cost', 'charge', 'charges', 'commission', 'cout', 'makato']],
  ['code', ['id', 'tid', 'txnid', 'txn id', 'trans id', 'transaction id', 'transaction number', 'transaction no', 'transaction ref', 'transaction reference', 'id de transaction', 'numero de transaction', 'reference de transaction', 'approval code', 'ref', 'ref no', 'tix', 'muamala', 'kumbukumbu', 'codigo', 'id da transacao', 'transacao', 'receipt', 'receipt no', 'confirmation code', 'financial transaction id', 'ft id']],
  ['party', ['from', 'de', 'du', 'da', 'do', 'kutoka', 'kutoka kwa', 'kwa', 'name', 'nom', 'nome', 'jina', 'numero', 'number', 'tel', 'phone', 'simu', 'namba', 'msisdn', 'sender', 'payer', 'expediteur', 'envoye par', 'enviado por']],
  ['account', ['reference', 'reason', 'account', 'account number', 'account no', 'for account', 'acc', 'compte', 'du compte', 'motif', 'message', 'message from sender', 'content', 'conteudo', 'referencia', 'akaunti', 'kwa akaunti', 'note', 'narration', 'description', 'for']],
  ['recipient', ['dear', 'cher', 'chere', 'caro', 'cara', 'ndugu', 'mpendwa', 'hello', 'hi', 'bonjour', 'ola']],
  ['date', ['on', 'at', 'le', 'the', 'date', 'aos', 'as', 'em', 'tarehe', 'saa', 'ce', 'a', 'tar']],
];

/** Words after a value that name it: `UAB1CDE2FG Confirmed.`, `Ksh 90.00 received from`, `$1 ka heshay`. */
const TRAIL_CUES: Array<[Cue, string[]]> = [
  ['code', ['confirmed', 'imethibitishwa', 'confirmado', 'confirme', 'completed', 'successful']],
  ['amount', ['received', 'recu', 'recebido', 'imepokelewa', 'ka heshay', 'has been credited', 'credited']],
];

function compile(list: Array<[Cue, string[]]>): Array<[Cue, RegExp]> {
  return list.map(([cue, words]) => [cue, new RegExp(`(?:^| )(?:${[...words].sort((a, b) => b.length - a.length).map(escapeWords).join('|')})(?= |$)`, 'g')]);
}

function escapeWords(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LEAD = compile(CUES);
const TRAIL = compile(TRAIL_CUES);

/** The cue ending nearest the end of `lead` (folded words joined by single spaces). */
export function nearestCue(lead: string, allowed: readonly Cue[]): Cue | null {
  let best: { cue: Cue; end: number; length: number } | null = null;
  for (const [cue, re] of LEAD) {
    if (!allowed.includes(cue)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(lead); m; m = re.exec(lead)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end || (end === best.end && m[0].length > best.length)) best = { cue, end, length: m[0].length };
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return best?.cue ?? null;
}

/** The cue that starts `trail` (the words right after a value), if any. */
export function trailingCue(trail: string): Cue | null {
  for (const [cue, re] of TRAIL) {
    re.lastIndex = 0;
    const m = re.exec(trail);
    if (m && m.index === 0) return cue;
  }
  return null;
}

/**
 * French and Portuguese words that SMS print with or without their accents. A fixed word whose folded form is
 * here accepts both spellings (`re[çc]u`), even if every sample happened to use one of them.
 */
const ACCENTED = ['reçu', 'reçue', 'numéro', 'référence', 'débité', 'crédité', 'opération', 'été', 'dépôt', 'effectué', 'succès', 'réussi', 'téléphone', 'montant', 'à', 'reçus', 'envoyé', 'transação', 'referência', 'número', 'você', 'está', 'crédito', 'código', 'conteúdo', 'dúvida', 'é', 'às', 'transferência', 'disponível', 'recebeste', 'expéditeur', 'dépense'];

const ACCENT_FORMS = new Map<string, string[]>();
for (const word of ACCENTED) ACCENT_FORMS.set(foldWord(word), [...(ACCENT_FORMS.get(foldWord(word)) ?? []), word]);

function foldWord(w: string): string {
  return w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The accented spellings of a word known to lose its accents in SMS (`numéro` in French, `número` in Portuguese). */
export function accentedForms(word: string): string[] {
  return ACCENT_FORMS.get(foldWord(word)) ?? [];
}
