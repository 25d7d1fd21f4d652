#!/usr/bin/env python3
"""The body of a complete 企业开办 application from its draft (GET /api/v1/cases/draft?lifeEvent=qykb) and one upload
id: every field filled with a valid sample, every required material attached. Used by the load and failure scripts.
Usage: case-body.py draft.json UPLOAD_ID > body.json"""
import json, sys

def body(draft, upload):
    sample = {"residentId": "341502198506181239", "creditCode": draft["companies"][0]["creditCode"], "phone": "13800000002",
              "date": "2025-01-02", "money": "100", "integer": "1", "boolean": "是"}
    form = {}
    for f in draft["fields"]:
        value = f["value"] or (f["options"][0] if f.get("options") else sample.get(f["type"], "六安测试内容")[: f.get("maxLength") or 100])
        if f["type"] in ("money", "integer") and not f["value"]:
            value = str(int(max(f.get("min") or 1, 1)))
        form[f["key"]] = value
    materials = [{"name": m["name"], "uploadId": upload} for m in draft["materials"] if m["required"] and not m.get("replaceableBy")]
    return {"lifeEvent": "qykb", "form": form, "materials": materials, "company": draft["companies"][0]["creditCode"], "district": "341502"}

if __name__ == "__main__":
    print(json.dumps(body(json.load(open(sys.argv[1])), sys.argv[2])))
