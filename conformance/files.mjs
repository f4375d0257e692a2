// A local HTTP file server for the imports of the run: the server under test fetches the files it
// is given URLs of from here, so its CIVICAST_OUTBOUND_ALLOWLIST must name this machine (run.sh sets
// 127.0.0.1 and CIVICAST_OUTBOUND_ALLOW_HTTP=true). CONFORMANCE_FILES_HOST overrides the host put in
// URLs, for a server that reaches this machine under another address.
import http from 'node:http';

export async function serveFiles(files) {
  const server = http.createServer((req, res) => {
    const body = files[new URL(req.url, 'http://x').pathname];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': body.type, 'Content-Length': body.bytes.length }).end(body.bytes);
  });
  await new Promise((resolve) => server.listen(0, '0.0.0.0', resolve));
  server.unref();
  const host = process.env.CONFORMANCE_FILES_HOST ?? '127.0.0.1';
  return { url: (path) => `http://${host}:${server.address().port}${path}`, close: () => server.close() };
}
