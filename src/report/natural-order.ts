// "Natural" order for control IDs, files and addresses (LG-2.10 after LG-2.9,
// main.tf:9 before main.tf:10). One collator for all: localeCompare with
// options builds a new one on every comparison, seconds on a large report.
const collator = new Intl.Collator('en', { numeric: true });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);
