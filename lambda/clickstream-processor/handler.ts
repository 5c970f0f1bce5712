// Placeholder so the stack can bundle this entry; replaced by the real adapter in this issue.
export const handler = async (): Promise<void> => {
  throw new Error("not implemented yet");
};
