/** The floor app builds into its own folder, beside nothing of the real app. */
export default { poweredByHeader: false };
