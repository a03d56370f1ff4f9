/**
 * The text of a chat message's `content` (`ChatMessage['content']`), by the spec's rule (openapi/components/v1.yaml,
 * `ChatCompletionContentPart`): a string is its own text; a list of content parts is the `text` of every part
 * that has a string one, run together as they are (nothing in between); `null`, or anything else, is `''`.
 *
 * The one rule everywhere the grid's software reads message text: the 200 000-character request limit
 * (`limits.ChatCompletionRequest.messages.maxTextChars`, summed over the messages), the flattened prompt
 * legacy workers get, and the text a worker hands its backend. It takes `unknown` so that a size check can
 * run on a body that has not been validated yet.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    const partText = (part as { text?: unknown } | null)?.text;
    if (typeof partText === 'string') text += partText;
  }
  return text;
}
