import { buildWorkflowBundle } from './workflow-bundle';

buildWorkflowBundle().then(
  (path) => console.log(`Workflow bundle written to ${path}`),
  (error: unknown) => {
    console.error('Building the workflow bundle failed:', error);
    process.exit(1);
  },
);
