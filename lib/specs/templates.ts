/** Commented spec templates; each validates as it stands (a test keeps it so). */
export const TEMPLATES = {
  feature_spec: `# Feature spec — wf-task (schema: .ai/workflow/specs/schema/feature_spec.json)
# Check it with: wf-task spec validate <this file>
version: "1.0"
feature:
  id: my-feature            # lowercase letters, digits and -, the folder name under .ai/project/features/
  name: My feature
  priority: medium          # critical | high | medium | low
  status: planning          # planning | in_progress | review | completed | blocked
metadata:
  created: 2026-01-01       # YYYY-MM-DD
  author: your-name
  estimated_effort: 1 week
objective:
  summary: What the feature achieves, in a sentence or two
  business_value: Why it matters
  acceptance_criteria:      # feature-level checks
    - A user can do the main thing end to end
context:
  users: Who uses it
  similar_features: []      # existing features to learn from
requirements:
  functional:               # at least one; ids FR-<number>
    - id: FR-101
      title: The first thing the feature must do
      description: Details an implementer needs
      priority: high        # critical | high | medium | low
      acceptance_criteria:
        - A check that says FR-101 is met
      test_coverage: required   # required | optional | none
  non_functional:           # ids NFR-<number>
    - id: NFR-101
      type: performance     # performance, security, constraint, accessibility, …
      requirement: Responds within 200 ms at the 95th percentile
contracts:
  internal:
    - name: doThing
      type: typescript      # bash | python | node | typescript
      interface: "doThing(input: Input): Promise<Output>"
  apis: []                  # "POST /things", or a path to an api_contract.yaml
tasks:                      # by role; ids like BE-001
  backend:
    - id: BE-001
      title: Implement FR-101
      reference: FR-101
      methodology: TDD      # TDD | BDD | standard
      max_iterations: 10    # 1–20
      acceptance_criteria:
        - Tests for FR-101 pass
      done_when: FR-101 works and is tested
dependencies: []
risks:
  - description: What could go wrong
    likelihood: low         # low | medium | high
    impact: medium          # low | medium | high
    mitigation: What we do about it
`,
  api_contract: `# API contract — wf-task (schema: .ai/workflow/specs/schema/api_contract.json)
# Check it with: wf-task spec validate <this file>
version: "1.0"
api:
  name: things
  version: v1
  base_url: /api/v1
  feature: my-feature       # the feature this contract belongs to
endpoints:
  - method: POST            # GET | POST | PUT | PATCH | DELETE | HEAD | OPTIONS
    path: /things
    summary: Create a thing
    requirements: [FR-101]
    request:
      headers:
        - { name: Authorization, type: string, required: true }
      body:
        type: object
        properties: { name: { type: string } }
    responses:              # by status code, or "default"
      "201": { description: Created }
      "400": { description: Invalid input }
functions:
  - name: doThing
    description: The same operation as a library call
    params:
      - { name: input, type: Input, required: true }
    returns: { type: Promise<Output> }
    errors: [InvalidInput]
`,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
