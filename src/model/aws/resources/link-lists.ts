// Growing a list of links as association resources are met.
import type { Link, Links } from '../../entity.js';
import { fact } from '../../fact.js';

/** Adds a member to a known list; a list that was only the default empty one now stands where the member was written. */
export function appendLink(links: Links, l: Link): Links {
  if (!links.known) return links;
  return fact([...links.value, l], links.defaulted ? l.loc : links.loc);
}

/** Joins two lists; an unknown list makes the result unknown. */
export function concatLinks(a: Links | undefined, b: Links): Links {
  if (!a) return b;
  if (!a.known) return a;
  if (!b.known) return b;
  return fact([...a.value, ...b.value], a.defaulted ? b.loc : a.loc);
}
