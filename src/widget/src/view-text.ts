/**
 * The words the widget's reply signals show (the "new messages" pill, the page title, notifications), in one
 * place so that they move to message catalogues together.
 */
export const newMessagesOne = "1 new message";
export const newMessagesMany = (count: number) => `${count} new messages`;
export const newMessages = (count: number) => (count === 1 ? newMessagesOne : newMessagesMany(count));
export const jumpToNewMessages = "Jump to the newest messages";
/** The page title while the visitor has messages they have not seen; it alternates with the page's own title. */
export const titleNewMessage = "New message";
export const titleNewMessages = "New messages";
export const titleCount = (count: number) => `(${count > 99 ? "99+" : count})`;
