// Checks the manifests that `helm template` prints against the Kubernetes OpenAPI schemas
// (kubernetes-models) and the prometheus-operator CRD schemas (@kubernetes-models/prometheus-operator),
// refusing fields the schemas do not have, as the API server's strict field validation does.
//
//   helm template warren helm/warren | node helm/warren/ci/validate.mjs [--json]
//   node helm/warren/ci/validate.mjs [--json] rendered.yaml
//
// Prints one line per object ("ok Kind name") and exits 0 when every object is valid; prints
// each fault and exits 1 otherwise. With --json, prints the parsed objects as one JSON array
// instead, so a test can look inside them without a YAML parser of its own.
import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

// apiVersion -> the module whose exports are the model classes of that group and version.
// Only the API groups the chart renders: an object of another group is a fault, so a new
// template cannot slip past unchecked.
const modules = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on("data", (chunk) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

// Parses every YAML document; a syntax error is a fault (helm would not catch a template that
// prints broken YAML inside a block scalar's neighbour).
function parseObjects(text, faults) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    for (const error of doc.errors) {
      faults.push(`YAML: ${error.message}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) {
      objects.push(value);
    }
  }
  return objects;
}

// Wraps every plain object of a tree in a Proxy that notes which of its keys the schema
// validator reads. A key it never reads is a field the schema does not have: the OpenAPI
// schemas allow unknown fields, so without this a misspelt field (readinesProbe) would pass,
// where the API server's strict field validation refuses it.
function track(value, seen) {
  if (Array.isArray(value)) {
    return value.map((item) => track(item, seen));
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const node = { read: new Set(), listed: false };
  seen.set(value, node);
  const copy = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = track(item, seen);
  }
  return new Proxy(copy, {
    get(target, key, receiver) {
      node.read.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      node.read.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      node.read.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    // A map (labels, data, resources.requests) is walked key by key: every key is known.
    ownKeys(target) {
      node.listed = true;
      return Reflect.ownKeys(target);
    },
  });
}

// The fields no schema read, as JSON pointers. An object none of whose keys were read is a
// free-form value (a schema of type object with no properties), not a nest of unknown fields.
function unknownFields(value, seen, pointer, found) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, seen, `${pointer}/${i}`, found));
    return found;
  }
  if (value === null || typeof value !== "object") {
    return found;
  }
  const node = seen.get(value);
  const freeForm = node.listed || node.read.size === 0;
  for (const [key, item] of Object.entries(value)) {
    if (!freeForm && !node.read.has(key)) {
      found.push(`${pointer}/${key}`);
    } else {
      unknownFields(item, seen, `${pointer}/${key}`, found);
    }
  }
  return found;
}

async function validateObject(object) {
  const name = `${object.kind}/${object.metadata?.name ?? "(no name)"}`;
  const modulePath = modules[object.apiVersion];
  if (modulePath === undefined) {
    return [`${name}: apiVersion ${object.apiVersion} is not one validate.mjs knows; add it to its modules table`];
  }
  const group = await import(modulePath);
  const Model = group[object.kind];
  if (typeof Model !== "function") {
    return [`${name}: ${object.apiVersion} has no kind ${object.kind}`];
  }
  if (!object.metadata?.name) {
    return [`${name}: metadata.name is required`];
  }
  const plain = new Model(object).toJSON();
  const seen = new Map();
  try {
    Model.prototype.validate.call(track(plain, seen));
  } catch (error) {
    // The model's error lists each schema fault; its message repeats the first one.
    const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    return details.length > 0 ? details.map((d) => `${name}: ${d}`) : [`${name}: ${error.message}`];
  }
  return unknownFields(plain, seen, "", []).map((field) => `${name}: ${field} is not a field of ${object.kind}`);
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const file = args.find((a) => a !== "--json");
const faults = [];
const objects = parseObjects(file ? await readFile(file, "utf8") : await readStdin(), faults);
if (objects.length === 0) {
  faults.push("no Kubernetes objects on standard input");
}
for (const object of objects) {
  const objectFaults = await validateObject(object);
  faults.push(...objectFaults);
  if (!json && objectFaults.length === 0) {
    console.log(`ok ${object.kind} ${object.metadata.name}`);
  }
}

if (faults.length > 0) {
  for (const fault of faults) {
    console.error(`invalid: ${fault}`);
  }
  process.exit(1);
}
if (json) {
  console.log(JSON.stringify(objects));
}
