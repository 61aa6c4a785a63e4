import type { AssetProvider } from "../scripts/assets.ts";
import { specSchemaFiles } from "./json-schemas.ts";
import { TEMPLATES } from "./templates.ts";

/** The spec schemas and templates `wf-task scripts install` writes under .ai/workflow/specs/. */
const assets: AssetProvider = async () => {
  const schemas = await specSchemaFiles();
  return [
    ...Object.entries(schemas).map(([name, content]) => ({ path: `specs/schema/${name}`, content })),
    ...Object.entries(TEMPLATES).map(([name, content]) => ({ path: `specs/templates/${name}.yaml`, content })),
  ];
};
export default assets;
