import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("tmux", "tmux sessions with a pane per role");
