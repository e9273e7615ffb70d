/* The practice book's editing interface: Decap CMS with the configuration in config.yml (generated from the
 * models by core/editors/cms.py), and three things of the book's own:
 *
 * 1. Files are read and written as the book's reader reads them and editors write them: every value as
 *    text (core/reading/yamlfile.py), fields in the file's own order (a new file: the model's; a field
 *    added to a file: after the one before it in the model), empty and default values left out, a
 *    person in a role without a role as a plain id, a network referred to by its folder's name. A file with a
 *    Markdown body (`.md`) stays one; new files are `.yml`.
 * 2. A collection lists only its own files: Decap lists every file down to the depth of a collection's
 *    `path` (a network's network.yml would show among its sessions), and only one extension (the `.md`
 *    cases and networks would be missing). A wrapper around the backend lists both, filtered by the path.
 * 3. On this machine (localhost), with the local proxy running (./scripts/edit), the forms save in the
 *    working copy instead of on GitHub, as Decap's own `local_backend` does.
 */
(function () {
  "use strict";

  const yaml = window.jsyaml;
  const CMS = window.CMS;
  /** The key that remembers, in an entry's data, that its file has a Markdown body after front matter. */
  const MARKDOWN = "__praktijkboek_markdown";
  /** The key that remembers the order of the fields in the file as it was: a saved change moves no line. */
  const ORDER = "__praktijkboek_order";
  /** The key that keeps the file as it was read, so that the fields the form leaves alone keep their lines. */
  const ORIGINAL = "__praktijkboek_original";
  /** The keys above: kept in an entry's data, never written into the file. */
  const HIDDEN = [MARKDOWN, ORDER, ORIGINAL];
  const TEXT = { schema: yaml.FAILSAFE_SCHEMA };

  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const isEmpty = (value) =>
    value === undefined || value === null || (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);

  /** Folder collections whose entries have a folder of their own (`{{slug}}/network`): folder -> file name. */
  function ownFolders(config) {
    const found = {};
    for (const c of config.collections) {
      const m = c.folder && /^\{\{slug\}\}\/([^/{}]+)$/.exec(c.path || "");
      if (m) found[c.name] = { folder: c.folder, file: m[1] };
    }
    return found;
  }

  /** The field of a collection whose value is a folder of the path (`{{network}}/sessions/{{slug}}`). */
  function parentField(collection) {
    const m = /^\{\{(\w+)\}\}\//.exec(collection.path || "");
    return m && m[1] !== "slug" ? m[1] : null;
  }

  function fileFormat(collection, own) {
    const parent = parentField(collection);
    const body = (collection.fields.find((f) => f.widget === "markdown") || {}).name;

    /** From the file's text values to the widgets' values. */
    function read(value, field) {
      if (isEmpty(value) || !field) return value;
      if (field.widget === "list" && Array.isArray(value)) {
        return value.map((item) => {
          if (field.fields) {
            const short = typeof item === "string" && field.fields.some((f) => f.name === "who");
            return readObject(short ? { who: item } : item, field.fields);
          }
          return read(item, field.field);
        });
      }
      if (field.widget === "object") return readObject(value, field.fields);
      if (field.widget === "boolean") return /^true$/i.test(String(value).trim());
      if (field.widget === "number") return Number(String(value).trim());
      if (field.widget === "relation" && own[field.collection]) {
        const folder = own[field.collection].folder;
        return Array.isArray(value) ? value.map((v) => `${folder}/${v}`) : `${folder}/${value}`;
      }
      return value;
    }

    function readObject(data, fields) {
      if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
      const out = {};
      for (const [key, value] of Object.entries(data)) out[key] = read(value, fields.find((f) => f.name === key));
      return out;
    }

    /** From the widgets' values to text, in the fields' order, without empty or default values. */
    function write(value, field) {
      if (Array.isArray(value)) {
        const items = value.map((item) => (field && field.fields ? writeObject(item, field.fields) : write(item, field && field.field)))
          .filter((item) => !isEmpty(item))
          .map((item) => (typeof item === "object" && !Array.isArray(item) && Object.keys(item).length === 1 && "who" in item ? item.who : item));
        return items;
      }
      if (value !== null && typeof value === "object") return writeObject(value, field ? field.fields || [] : []);
      if (value === undefined || value === null) return undefined;
      let text = String(value);
      if (field && field.widget === "relation" && own[field.collection]) text = text.replace(new RegExp(`^${escape(own[field.collection].folder)}/`), "");
      if (field && field.widget !== "markdown" && field.widget !== "text") text = text.trim();
      if (field && (field.widget === "image" || field.widget === "file")) text = text.replace(/^\/+/, "");
      if (field && field.default !== undefined && text === String(field.default)) return undefined;
      return text.replace(/\s+$/, field && field.widget === "markdown" ? "\n" : "");
    }

    /** The file's own order of its fields; a field it did not have goes after the one before it in the model. */
    function ordered(model, original) {
      const names = [...model, ...original.filter((k) => !model.includes(k))];
      const out = original.filter((k) => names.includes(k));
      for (const name of names) {
        if (out.includes(name)) continue;
        const rank = names.indexOf(name);
        let at = 0;
        out.forEach((other, i) => {
          if (names.indexOf(other) < rank) at = i + 1;
        });
        out.splice(at, 0, name);
      }
      return out;
    }

    /** The names of `data`'s fields in the order to write them: the model's, or the file's own (`original`). */
    function fieldNames(data, fields, original) {
      const model = [...fields.map((f) => f.name), ...Object.keys(data).filter((k) => !fields.some((f) => f.name === k))];
      return (Array.isArray(original) ? ordered(model, original) : model).filter((k) => !HIDDEN.includes(k));
    }

    function writeObject(data, fields, original) {
      const out = {};
      for (const name of fieldNames(data, fields, original)) {
        if (!(name in data)) continue;
        const value = write(data[name], fields.find((f) => f.name === name));
        if (!isEmpty(value)) out[name] = value;
      }
      return out;
    }

    const dump = (obj) =>
      Object.keys(obj).length
        ? yaml.dump(obj, {
            lineWidth: -1,
            noRefs: true,
            schema: yaml.FAILSAFE_SCHEMA,
            // Every value is text to the book's reader, except these, which it reads as "nothing": quoted.
            transform: (documents) =>
              yaml.visit(documents, (node, { isKey }) => {
                if (node.kind === "scalar" && !isKey && /^(?:~|null|Null|NULL)$/.test(node.value)) node.style = yaml.SCALAR_STYLE.SINGLE_QUOTED;
              }),
          })
        : "";
    const fields = collection.fields.filter((f) => f.name !== parent);

    return {
      fromFile(content) {
        content = content.replace(/^\uFEFF/, ""); // a byte order mark, which the book's reader accepts too
        const front = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(content);
        const text = front ? front[1] : content;
        const data = yaml.load(text, TEXT) || {};
        const out = readObject(data, collection.fields);
        out[ORDER] = Object.keys(data);
        if (front) {
          out[MARKDOWN] = true;
          if (body) out[body] = front[2].replace(/^\s*\n/, "");
        }
        // The file as it was, field by field: a field that the form leaves as it was keeps its lines.
        const written = writeObject(out, fields, out[ORDER]);
        out[ORIGINAL] = {
          ...split(text),
          values: Object.fromEntries(Object.keys(data).map((k) => [k, JSON.stringify(out[k])])),
          written: Object.fromEntries(Object.entries(written).map(([k, v]) => [k, JSON.stringify(v)])),
          body: front ? front[2] : null,
        };
        return out;
      },
      toFile(data) {
        const values = Object.fromEntries(Object.entries(data).filter(([k]) => k !== parent));
        const clean = writeObject(values, fields, data[ORDER]);
        const text = body && clean[body] ? clean[body] : "";
        const original = data[ORIGINAL];
        const markdown = Boolean(data[MARKDOWN]);
        // A field of the file that the form left as it was keeps its lines (a default value written out and
        // the comment above it too); a changed one is written anew, an emptied one goes.
        const kept = (key) =>
          original &&
          original.chunks[key] !== undefined &&
          (original.values[key] === JSON.stringify(values[key]) || (key in clean && original.written[key] === JSON.stringify(clean[key])));
        const names = fieldNames(values, fields, original ? data[ORDER] || [] : null).filter(
          (k) => !(markdown && k === body) && (kept(k) || k in clean),
        );
        let yamlText;
        if (original) {
          const lines = (key) => (kept(key) ? original.chunks[key] : dump({ [key]: clean[key] }).replace(/\n$/, "").split("\n"));
          yamlText = [...original.head, ...names.flatMap(lines), ...original.tail].join("\n");
          if (!markdown && names.length && !yamlText.endsWith("\n")) yamlText += "\n";
        } else {
          yamlText = dump(Object.fromEntries(names.map((k) => [k, clean[k]])));
        }
        if (!markdown) return yamlText;
        const same = original && original.body !== null && original.written[body] === JSON.stringify(text || undefined);
        // A changed body: after a blank line, unless the file had none there.
        const gap = original && original.body !== null && !/^\s*\n/.test(original.body) ? "" : "\n";
        const bodyText = same ? original.body : text ? `${gap}${text.replace(/\n*$/, "\n")}` : "";
        return `---\n${yamlText.replace(/\n*$/, "")}${names.length ? "\n" : ""}---\n${bodyText}`;
      },
    };
  }

  /** A YAML text in its top-level fields: the lines of each (with the comments just above it), the comments
   * before the first and after the last. */
  function split(text) {
    const head = [];
    const chunks = {};
    let current = null;
    let pending = [];
    for (const line of text.split(/\r?\n/)) {
      const key = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/.exec(line);
      if (key) {
        if (current === null) head.push(...pending);
        chunks[key[1]] = current === null ? [line] : [...pending, line];
        current = key[1];
        pending = [];
      } else if (/^\s*$/.test(line) || line.startsWith("#")) {
        pending.push(line); // a blank line or a comment in the first column: above the next field, or the end
      } else if (current !== null) {
        chunks[current].push(...pending, line); // a line of the field's value
        pending = [];
      } else {
        head.push(...pending, line);
        pending = [];
      }
    }
    return { head, chunks, tail: pending };
  }

  /** The backend `name`, wrapped: lists `.yml` and `.md` files and only those that match a collection's path. */
  function listingBackend(name, config) {
    const rules = config.collections
      .filter((c) => c.folder)
      .map((c) => {
        const path = c.path || "{{slug}}";
        return {
          folder: c.folder,
          depth: path.split("/").length,
          pattern: new RegExp(`^${escape(c.folder)}/${path.split(/\{\{\w+\}\}/).map(escape).join("[^/]+")}\\.(?:yml|md)$`),
        };
      });
    const rule = (folder, depth) => rules.find((r) => r.folder === folder && r.depth === depth);
    return function Wrapped(...args) {
      const inner = CMS.getBackend(name).init(...args);
      async function all(folder, depth) {
        const found = rule(folder, depth);
        const lists = await Promise.all(
          ["yml", "md"].map((extension) =>
            inner.allEntriesByFolder ? inner.allEntriesByFolder(folder, extension, depth, found && found.pattern) : inner.entriesByFolder(folder, extension, depth),
          ),
        );
        const entries = lists.flat();
        return found ? entries.filter((entry) => found.pattern.test(entry.file.path)) : entries;
      }
      return new Proxy(inner, {
        get(target, prop) {
          if (prop === "entriesByFolder") return (folder, extension, depth) => all(folder, depth);
          if (prop === "allEntriesByFolder") return (folder, extension, depth) => all(folder, depth);
          // An entry of a `.md` file: Decap asks for its slug with the collection's extension added.
          if (prop === "getEntry") return (path) => target.getEntry(path.replace(/\.md\.yml$/, ".md"));
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    };
  }

  /** The local proxy (decap-server), when the book is opened on this machine and it runs. */
  async function localProxy(config) {
    const local = config.local_backend; // {url}, as core/editors/cms.py writes it
    if (!local || !["localhost", "127.0.0.1", ...(local.allowed_hosts || [])].includes(window.location.hostname)) return null;
    const url = local.url;
    try {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "info" }) });
      const info = await response.json();
      if (typeof info.repo === "string" && typeof info.type === "string") return { url, info };
    } catch (error) {
      console.info(`Geen lokale proxy op ${url} (${error.message}): de bewerkpagina werkt met GitHub.`);
    }
    return null;
  }

  async function start() {
    const response = await fetch("config.yml", { cache: "no-cache" });
    const config = yaml.load(await response.text());
    const own = ownFolders(config);
    for (const collection of config.collections) CMS.registerCustomFormat(collection.format, collection.extension, fileFormat(collection, own));

    const local = await localProxy(config);
    delete config.local_backend;
    if (local) {
      CMS.registerBackend("praktijkboek-proxy", listingBackend("proxy", config));
      config.backend = { ...config.backend, name: "praktijkboek-proxy", proxy_url: local.url };
      if (config.publish_mode && Array.isArray(local.info.publish_modes) && !local.info.publish_modes.includes(config.publish_mode)) delete config.publish_mode;
    } else {
      CMS.registerBackend(`praktijkboek-${config.backend.name}`, listingBackend(config.backend.name, config));
      config.backend = { ...config.backend, name: `praktijkboek-${config.backend.name}` };
    }

    const byName = Object.fromEntries(config.collections.map((c) => [c.name, c]));
    CMS.registerEventListener({
      name: "preSave",
      handler: ({ entry }) => {
        const collection = byName[entry.get("collection")];
        const data = entry.get("data");
        if (!entry.get("newRecord") && !data.has(ORDER)) {
          // Decap opens a file it could not read as an empty form: saving that would wipe the file.
          throw new Error(`${entry.get("path")} kon niet gelezen worden; het formulier bewaart het niet. Verbeter het bestand op GitHub (de controle van het boek zegt wat er mis is).`);
        }
        const parent = collection && parentField(collection);
        if (!parent) return data;
        const value = data.get(parent);
        const field = collection.fields.find((f) => f.name === parent);
        if (!value) {
          if (entry.get("newRecord")) throw new Error(`Kies bij '${field.label}' waarin de nieuwe ${collection.label_singular.toLowerCase()} komt.`);
          return data;
        }
        // The path's folder: the network's own folder name, not its place in the repository.
        const target = own[field.collection];
        return data.set(parent, target ? String(value).replace(new RegExp(`^${escape(target.folder)}/`), "") : value);
      },
    });
    CMS.init({ config: { ...config, load_config_file: false } });
  }

  // The file format on its own, for tests/test_cms.py (which runs it in Node over every content file).
  window.PraktijkboekCms = { fileFormat, ownFolders };
  if (!CMS) return;
  start().catch((error) => {
    document.body.insertAdjacentHTML(
      "afterbegin",
      '<p role="alert" style="font:1rem sans-serif;margin:2rem">De bewerkpagina kon niet starten. Vernieuw de pagina; lukt het dan nog niet, meld het de beheerder van het praktijkboek.</p>',
    );
    console.error(error);
  });
})();
