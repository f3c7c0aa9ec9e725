// Moving files to and from the volume's WebDAV mount point (/vnas/ on every blade) with the
// session's bearer token in the Authorization header: never in a URL, never a cookie. Uploads
// are XMLHttpRequest PUTs (the one browser API that reports upload progress); downloads are
// fetched into a Blob handed to the browser under the file's name.
import {ApiError} from '../api.js';
import {h} from '../dom.js';

/** The mount point's URL path of a volume path: each name percent-encoded, so any name is safe. */
export function davUrl(path) {
  const names = path.split('/').filter(Boolean);
  return '/vnas/' + names.map(encodeURIComponent).join('/');
}

/** The volume path of name inside folder. */
export function join(folder, name) {
  return (folder === '/' ? '' : folder) + '/' + name;
}

/**
 * PUTs file to path, calling onProgress(fraction sent) as the body goes out; resolves when the
 * blade has stored it. A blade that does not answer is left for the next one the page knows,
 * as every API call does. Returns {promise, abort}.
 */
export function upload(api, path, file, onProgress) {
  const origins = api.candidates();
  let xhr = null;
  let aborted = false;
  const promise = new Promise((resolve, reject) => {
    const attempt = i => {
      if (aborted) return reject(new ApiError(0, 'upload cancelled'));
      if (i >= origins.length) return reject(new ApiError(0, 'no blade answered'));
      if (!api.session) return reject(new ApiError(401, 'not logged in'));
      xhr = new XMLHttpRequest();
      xhr.open('PUT', origins[i] + davUrl(path));
      xhr.setRequestHeader('Authorization', 'Bearer ' + api.session.token);
      if (file.type) xhr.setRequestHeader('Content-Type', file.type);
      xhr.upload.addEventListener('progress', e => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      });
      xhr.upload.addEventListener('load', () => onProgress(1));
      xhr.addEventListener('load', () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          api.moveTo(origins[i]);
          onProgress(1);
          resolve();
          return;
        }
        if (xhr.status === 401) {
          api.forget();
          api.emit('signedOut', 'your session ended: log in again');
        }
        reject(new ApiError(xhr.status, (xhr.responseText || '').trim() || xhr.status + ' ' + xhr.statusText));
      });
      xhr.addEventListener('error', () => attempt(i + 1)); // that blade did not answer
      xhr.addEventListener('abort', () => reject(new ApiError(0, 'upload cancelled')));
      xhr.send(file);
    };
    attempt(0);
  });
  return {promise, abort: () => { aborted = true; if (xhr) xhr.abort(); }};
}

/** Fetches path (with the bearer header) and hands it to the browser as a download named name. */
export async function download(api, path, name) {
  const res = await api.call('GET', davUrl(path), undefined, {raw: true});
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = h('a', {href: url, download: name, hidden: true});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
