/** What a new ledger does (app/fresh-ledger.ts), said wherever smsmatch suggests starting one. */
export const NEW_LEDGER =
  "a new ledger starts from the shop's truth: payments an order already carries are recorded as applied, SMS from before smsmatch's latest write in the shop are not decided again (README → Troubleshooting → Starting a new ledger)";
