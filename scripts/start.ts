// `npm start`: prepare, build when the sources are newer than the last build, then serve.
import { buildIfNeeded } from "./build";
import { prepare } from "./prepare";

prepare();
try {
  buildIfNeeded(process.env.NEXT_DIST_DIR || ".next", {
    announce: () => console.log("appmail: building the app (next build)…"),
  });
} catch {
  console.error("appmail: the build failed (see above).");
  process.exit(1);
}
await import("../server");
