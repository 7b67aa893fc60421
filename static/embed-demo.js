// The host side of podlife's postMessage API (docs/embed.md), as a docs page uses it: wait for
// the embed's `ready`, give it a pod with `load`, drive it, and listen to what it reports.
const frame = document.getElementById('embed-driven');
const log = document.getElementById('host-log');
const clock = document.getElementById('host-clock');
// The embed's origin: messages go only there, and only its messages are read.
const embedOrigin = new URL(frame.src, location.href).origin;

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: crash-loop
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; exit 1"]
`;

const send = (msg) => frame.contentWindow.postMessage({ podlife: 1, ...msg }, embedOrigin);

function note(text) {
  const li = document.createElement('li');
  li.textContent = text; // never as HTML: the text comes from the embed
  log.prepend(li);
  while (log.children.length > 50) log.lastChild.remove();
}

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== embedOrigin) return;
  const m = e.data;
  if (!m || m.podlife !== 1) return;
  switch (m.type) {
    case 'ready':
      note('ready');
      send({ type: 'load', manifest: MANIFEST, settings: { kubeletVersion: '1.37' } });
      break;
    case 'time':
      clock.textContent = `${m.t.toFixed(1)} s${m.playing ? ' ▶' : ''}`;
      clock.dataset.t = String(m.t);
      break;
    case 'loaded':
      note(`loaded ${m.pod} (${m.until} s${m.errors.length ? `, ${m.errors.length} errors` : ''})`);
      break;
    case 'event':
      note(`${m.t} s  ${m.kind}  ${m.reason}  ${m.message}`);
      break;
    case 'selection':
      note(m.track === null ? 'selection cleared' : `selected ${m.title} (${m.track}/${m.lane} at ${m.t} s)`);
      break;
    case 'error':
      note(`error: ${m.message}`);
      break;
  }
});

document.getElementById('host-play').addEventListener('click', () => send({ type: 'play' }));
document.getElementById('host-pause').addEventListener('click', () => send({ type: 'pause' }));
document.getElementById('host-seek-40').addEventListener('click', () => send({ type: 'seek', t: 40 }));
document.getElementById('host-select').addEventListener('click', () => send({ type: 'select' }));
