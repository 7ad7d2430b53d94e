/** One line about the topics of a rule that did not match (explain, explain --config). */
import { fromBytes, type TopicNote } from "@emqx-acl/core";

/** The notes joined: each pattern, its rendering when placeholders changed it, or why it cannot match. */
export function topicNotes(notes: TopicNote[] | undefined): string {
  if (!notes || notes.length === 0) return "";
  return notes
    .map((n) => {
      const src = fromBytes(n.pattern.text);
      if (n.why) return `"${src}" (${n.why})`;
      return n.rendered !== undefined && n.rendered !== n.pattern.text
        ? `"${src}" rendered as "${fromBytes(n.rendered)}"`
        : `"${src}"`;
    })
    .join(", ");
}
