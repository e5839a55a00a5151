// The questionnaire as the catalog defines it: every question of attest
// controls and attest parts, by ID, with the control it belongs to.
import type { AttestQuestion, Catalog, ControlDefinition } from '../controls/catalog/types.js';

export interface IndexedQuestion {
  control: ControlDefinition;
  question: AttestQuestion;
}

/** In catalog order (area, then control, then question number). */
export function questionIndex(catalog: Catalog): Map<string, IndexedQuestion> {
  const index = new Map<string, IndexedQuestion>();
  for (const control of catalog.controls) {
    for (const question of control.attest ?? []) index.set(question.id, { control, question });
  }
  return index;
}
