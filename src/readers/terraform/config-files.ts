// Which files of a directory Terraform loads, by name.

/** As Terraform: `.tf` and `.tf.json`, except hidden files and editor leftovers (an Emacs lock `.#main.tf` is a dangling link). */
export function isConfigFile(name: string): boolean {
  return (name.endsWith('.tf') || name.endsWith('.tf.json')) && !isIgnoredFile(name);
}

/** Terraform's own rule for files it never loads: hidden, Vim backups, Emacs autosaves. */
export function isIgnoredFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}
