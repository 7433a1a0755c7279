// The TypeScript SDK against a live `djinn serve` (run by
// tests/sdks/test_typescript_sdk.py, which starts the server and passes what
// it set up in the environment): the flow a user of the SDK goes through,
// every call through the SDK's typed functions. Exits non-zero on the first
// thing that is not as expected.
import { readFileSync } from "node:fs";
import {
  client,
  createBuild,
  createClient,
  createConfig,
  createKey,
  createNamespace,
  createObject,
  createVariable,
  deleteImage,
  deleteKey,
  deleteNamespace,
  deleteObject,
  deleteVariable,
  downloadBuildArtifact,
  downloadImage,
  downloadObject,
  exchangeToken,
  getBuild,
  getBuildJobOutput,
  getKey,
  getNamespace,
  getNamespaceBadge,
  getObject,
  getUser,
  getVariable,
  listBuildArtifacts,
  listBuildJobs,
  listVariables,
  type Status,
  uploadImage,
} from "../src/index";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

function check(condition: boolean, what: string, detail?: unknown): asserts condition {
  if (!condition) throw new Error(`${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
}

/** The data of an SDK call that must have succeeded. */
function ok<T>(result: { data?: T; error?: unknown; response?: Response }, what: string): T {
  check(result.error === undefined && result.data !== undefined, `${what} failed (${result.response?.status})`, result.error);
  return result.data as T;
}

async function bytes(blob: Blob): Promise<Buffer> {
  return Buffer.from(await blob.arrayBuffer());
}

function nextPage(response: Response): string | undefined {
  const link = response.headers.get("link") ?? "";
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
}

const FINISHED: Status[] = ["passed", "passed_with_failures", "failed", "killed", "timed_out"];
const MANIFEST = `namespace: tssdk
driver: {type: os}
objects: [data.txt => data.txt]
stages: [test]
jobs:
- stage: test
  name: check
  commands: [cat data.txt, 'echo "greeting: $GREETING"', mkdir -p out, cp data.txt out/report.txt]
  artifacts: [out/report.txt => report.txt]
`;

async function main(): Promise<void> {
  const baseUrl = env("DJINN_BASE_URL");
  const token = env("DJINN_TOKEN");
  client.setConfig({ baseUrl, auth: () => token });

  const me = ok(await getUser(), "getUser");
  check(me.username === "alice", "getUser answered someone else", me);

  // A public namespace.
  const namespace = ok(await createNamespace({ body: { name: "tssdk", visibility: "public" } }), "createNamespace");
  check(namespace.path === "tssdk", "createNamespace", namespace);
  const fetched = ok(await getNamespace({ path: { username: "alice", path: "tssdk" } }), "getNamespace");
  check(fetched.id === namespace.id, "getNamespace answered another namespace", fetched);

  // A variable and a key in it.
  const variable = ok(await createVariable({ body: { key: "GREETING", value: "hello", namespace: "tssdk" } }),
    "createVariable");
  check(ok(await getVariable({ path: { id: variable.id } }), "getVariable").value === "hello", "variable value");
  const key = ok(await createKey({ body: { name: "deploy", key: env("SSH_KEY"), namespace: "tssdk" } }), "createKey");
  check(ok(await getKey({ path: { id: key.id } }), "getKey").name === "deploy", "key name");

  // An object up and down, byte for byte.
  const content = Buffer.concat([Buffer.from("data for the build\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
  const uploaded = ok(await createObject({ query: { name: "data.txt", namespace: "tssdk" }, body: new Blob([content]) }),
    "createObject");
  check(uploaded.size === content.length, "uploaded size", uploaded);
  check(ok(await getObject({ path: { id: uploaded.id } }), "getObject").sha256 === uploaded.sha256, "object sha256");
  const downloaded = ok(await downloadObject({ path: { id: uploaded.id } }), "downloadObject");
  check(downloaded instanceof Blob && (await bytes(downloaded)).equals(content), "downloaded object bytes");

  // An image upload, and its bytes back.
  const imageBytes = readFileSync(env("QCOW2_PATH"));
  const image = ok(await uploadImage({ query: { name: "tiny" }, body: new Blob([imageBytes]) }), "uploadImage");
  const imageDownload = ok(await downloadImage({ path: { id: image.id } }), "downloadImage");
  check((await bytes(imageDownload)).equals(imageBytes), "downloaded image bytes");

  // A build: submitted, its job's output followed, its artifact downloaded.
  let build = ok(await createBuild({ body: { manifest: MANIFEST, comment: "from the TypeScript SDK" } }), "createBuild");
  const at = { username: "alice", number: build.number };
  const jobs = ok(await listBuildJobs({ path: at }), "listBuildJobs");
  check(jobs.some((job) => job.name === "check"), "the build has the job", jobs);
  // Resolves when the job has ended: the server streams the output until then.
  const output = ok(await getBuildJobOutput({ path: { ...at, name: "check" } }), "getBuildJobOutput");
  check(typeof output === "string" && output.includes("greeting: hello") && output.includes("data for the build"),
    "job output", output);
  const deadline = Date.now() + 120_000;
  while (!FINISHED.includes(build.status)) {
    check(Date.now() < deadline, "the build did not finish", build.status);
    await new Promise((resolve) => setTimeout(resolve, 200));
    build = ok(await getBuild({ path: at }), "getBuild");
  }
  check(build.status === "passed", "build status", build.status);
  const artifacts = ok(await listBuildArtifacts({ path: at }), "listBuildArtifacts");
  check(artifacts.length === 1 && artifacts[0].name === "report.txt" && artifacts[0].size === content.length,
    "artifacts", artifacts);
  const report = ok(await downloadBuildArtifact({ path: { ...at, name: "report.txt" } }), "downloadBuildArtifact");
  check((await bytes(report)).equals(content), "artifact bytes");

  // Pagination: 30 variables are two pages, the Link header leads to the second.
  for (let n = 0; n < 30; n++) {
    ok(await createVariable({ body: { key: `TSPAGE_${String(n).padStart(2, "0")}`, value: "x" } }), "createVariable");
  }
  const first = await listVariables({ query: { search: "TSPAGE_" } });
  const firstPage = ok(first, "listVariables");
  check(firstPage.length === 25, "first page size", firstPage.length);
  const next = nextPage(first.response);
  check(next !== undefined && new URL(next).searchParams.get("page") === "2", "Link rel=next", next);
  const second = await listVariables({ query: { search: "TSPAGE_", page: 2 } });
  const secondPage = ok(second, "listVariables page 2");
  check(secondPage.length === 5 && nextPage(second.response) === undefined, "second page", secondPage.length);
  const keys = [...firstPage, ...secondPage].map((v) => v.key).sort();
  check(keys.length === 30 && keys[0] === "TSPAGE_00" && keys[29] === "TSPAGE_29", "both pages", keys);

  // The badge of the public namespace, anonymously.
  const anonymous = createClient(createConfig({ baseUrl }));
  const badge = ok(await getNamespaceBadge({ client: anonymous, path: { username: "alice", path: "tssdk" } }),
    "getNamespaceBadge");
  check((await bytes(badge)).toString().includes("<svg"), "the badge is an SVG");

  // An OAuth app exchanges the code the user's approval gave it for a token.
  const exchanged = ok(await exchangeToken({
    client: anonymous,
    headers: { Accept: "application/json" },
    body: {
      code: env("OAUTH_CODE"),
      client_id: env("OAUTH_CLIENT_ID"),
      client_secret: env("OAUTH_CLIENT_SECRET"),
      redirect_uri: env("OAUTH_REDIRECT_URI"),
    },
  }), "exchangeToken");
  check(exchanged.token_type === "bearer" && exchanged.scope === "build:read namespace:read", "token", exchanged);
  const appClient = createClient(createConfig({ baseUrl, auth: () => exchanged.access_token }));
  check(ok(await getUser({ client: appClient }), "getUser with the app's token").username === "alice", "app token user");

  // Deletes: each answers 204, and the thing is gone.
  check((await deleteObject({ path: { id: uploaded.id } })).response.status === 204, "deleteObject");
  check((await getObject({ path: { id: uploaded.id } })).response.status === 404, "the object is gone");
  check((await deleteVariable({ path: { id: variable.id } })).response.status === 204, "deleteVariable");
  check((await getVariable({ path: { id: variable.id } })).response.status === 404, "the variable is gone");
  check((await deleteKey({ path: { id: key.id } })).response.status === 204, "deleteKey");
  check((await getKey({ path: { id: key.id } })).response.status === 404, "the key is gone");
  check((await deleteImage({ path: { id: image.id } })).response.status === 204, "deleteImage");
  check((await deleteNamespace({ path: { username: "alice", path: "tssdk" } })).response.status === 204,
    "deleteNamespace");
  check((await getNamespace({ path: { username: "alice", path: "tssdk" } })).response.status === 404,
    "the namespace is gone");
  console.log("typescript sdk flow: ok");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
