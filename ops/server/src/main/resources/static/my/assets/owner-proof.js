// The owner's browser checks the proof itself, trusting nothing the server says but the organisation's
// published key: the signed checkpoint's Ed25519 signature (C2SP signed note) and, for each event on the
// page, that the leaf hash recomputed from the event's envelope leads through its audit path to the
// signed root (RFC 9162, section 2.1.3.2). WebCrypto only: no library, nothing fetched from elsewhere.
(function () {
  'use strict';
  var subtle = window.crypto && window.crypto.subtle;

  function bytes(base64) {
    var raw = atob(base64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function concat(parts) {
    var length = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var out = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (p) { out.set(p, at); at += p.length; });
    return out;
  }

  function equal(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  function hex(b) {
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  async function sha256(data) {
    return new Uint8Array(await subtle.digest('SHA-256', data));
  }

  /** The checkpoint's text if the note carries a valid signature by the published key; throws otherwise. */
  async function verifyNote(verifierKey, note) {
    // name+hash+key, where the base64 key may itself contain '+': split at the first two only
    var trimmed = verifierKey.trim();
    var first = trimmed.indexOf('+'), second = trimmed.indexOf('+', first + 1);
    if (first < 1 || second < 0) { throw new Error('the published key is not name+hash+key'); }
    var name = trimmed.substring(0, first), keyHash = trimmed.substring(first + 1, second).toLowerCase();
    var keyBytes = bytes(trimmed.substring(second + 1));
    if (keyBytes.length !== 33 || keyBytes[0] !== 1) { throw new Error('the published key is not an Ed25519 key'); }
    var key = await subtle.importKey('raw', keyBytes.slice(1), { name: 'Ed25519' }, false, ['verify']);
    var split = note.lastIndexOf('\n\n');
    if (split < 0) { throw new Error('the checkpoint is not a signed note'); }
    var text = note.substring(0, split + 1);
    var lines = note.substring(split + 2).split('\n');
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.indexOf('\u2014 ') !== 0) { continue; }
      var fields = line.substring(2).split(' ');
      if (fields.length !== 2 || fields[0] !== name) { continue; }
      var value = bytes(fields[1]);
      if (value.length !== 68 || hex(value.slice(0, 4)) !== keyHash) { continue; }
      if (await subtle.verify({ name: 'Ed25519' }, key, value.slice(4), new TextEncoder().encode(text))) {
        return text;
      }
    }
    throw new Error('the checkpoint carries no valid signature by ' + name);
  }

  /** The event id inside a canonical leaf envelope (length-prefixed fields; the third is the event id). */
  function envelopeEventId(envelope) {
    var view = new DataView(envelope.buffer, envelope.byteOffset, envelope.byteLength);
    var at = 0;
    for (var field = 0; field < 3; field++) {
      var length = view.getUint32(at);
      at += 4;
      if (field === 2) { return new TextDecoder().decode(envelope.slice(at, at + length)); }
      at += length;
    }
    return null;
  }

  async function rootFromPath(leafIndex, treeSize, leafHash, path) {
    if (leafIndex >= treeSize) { throw new Error('leaf index beyond the tree'); }
    var fn = leafIndex, sn = treeSize - 1, r = leafHash;
    var one = new Uint8Array([1]);
    for (var i = 0; i < path.length; i++) {
      var p = path[i];
      if (sn === 0) { throw new Error('the audit path is too long'); }
      if (fn % 2 === 1 || fn === sn) {
        r = await sha256(concat([one, p, r]));
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        }
      } else {
        r = await sha256(concat([one, r, p]));
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    if (sn !== 0) { throw new Error('the audit path is too short'); }
    return r;
  }

  async function run() {
    var holder = document.getElementById('browser-check');
    var result = document.getElementById('browser-check-result');
    if (!holder || !result) { return; }
    var data = JSON.parse(holder.getAttribute('data-proof'));
    document.querySelectorAll('[data-browser-proof]').forEach(function (li) { li.removeAttribute('data-browser-proof'); });
    result.className = 'pending';
    if (!data.checkpoint) {
      result.textContent = 'Your browser has nothing to check yet: no signed checkpoint.';
      return;
    }
    if (!subtle) {
      result.textContent = 'Your browser cannot check signatures itself (no WebCrypto here); the checks above and the bundle remain.';
      return;
    }
    var text;
    try {
      text = await verifyNote(data.verifierKey, data.checkpoint);
    } catch (e) {
      var unsupported = e && (e.name === 'NotSupportedError');
      result.className = unsupported ? 'pending' : 'bad';
      result.textContent = unsupported
        ? 'Your browser cannot check Ed25519 signatures itself; the checks above and the bundle remain.'
        : 'Your browser found the checkpoint NOT valid: ' + e.message;
      return;
    }
    var lines = text.split('\n');
    var size = Number(lines[1]);
    var root = bytes(lines[2]);
    var proved = 0, failed = [];
    for (var i = 0; i < data.events.length; i++) {
      var ev = data.events[i];
      try {
        var envelope = bytes(ev.envelope);
        if (envelopeEventId(envelope) !== ev.eventId) { throw new Error('the envelope is of another event'); }
        if (ev.treeSize !== size) { throw new Error('the proof is for another tree size'); }
        var leaf = await sha256(concat([new Uint8Array([0]), envelope]));
        var computed = await rootFromPath(ev.leafIndex, ev.treeSize, leaf, ev.auditPath.map(bytes));
        if (!equal(computed, root)) { throw new Error('the audit path does not lead to the signed root'); }
        proved++;
        var li = document.querySelector('#history li[data-event-id="' + ev.eventId + '"]');
        if (li) { li.setAttribute('data-browser-proof', 'verified'); }
      } catch (e) {
        failed.push(ev.eventId + ': ' + e.message);
      }
    }
    result.className = failed.length ? 'bad' : 'ok';
    result.textContent = 'Your browser checked on its own, with the published key only: the checkpoint\u2019s signature is valid ('
      + size + ' events in the ledger), and ' + proved + ' of the ' + data.events.length
      + ' events it was given are in it.' + (failed.length ? ' FAILED: ' + failed.join('; ') : '');
  }

  window.ueOwnerProof = { run: run };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
})();
