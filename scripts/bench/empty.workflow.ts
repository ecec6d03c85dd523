/** The raw comparison's workflow: started, and done at its first workflow task. Bundled for the bench only. */
export async function emptyWorkflow(): Promise<void> {}
