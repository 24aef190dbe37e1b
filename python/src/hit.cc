#include "hit.h"

#include <structmember.h>

#include <cstddef>
#include <new>
#include <string>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace trawl::python {
namespace {

static_assert(std::is_trivially_destructible_v<HitKey>);

struct HitObject {
  PyObject_HEAD
  HitKey key;
  PyObject* id;          // str or None
  PyObject* sort_value;  // None without sort
  PyObject* doc;         // dict
  PyObject* snippets;    // list, or null for none
};

PyTypeObject* hit_type = nullptr;  // set once by BindHit(), kept by the module

HitObject* AsHit(PyObject* self) { return reinterpret_cast<HitObject*>(self); }

int HitTraverse(PyObject* self, visitproc visit, void* arg) {
  HitObject* h = AsHit(self);
  Py_VISIT(Py_TYPE(self));  // a heap type's instances hold it
  Py_VISIT(h->id);
  Py_VISIT(h->sort_value);
  Py_VISIT(h->doc);
  Py_VISIT(h->snippets);
  return 0;
}

int HitClear(PyObject* self) {
  HitObject* h = AsHit(self);
  Py_CLEAR(h->id);
  Py_CLEAR(h->sort_value);
  Py_CLEAR(h->doc);
  Py_CLEAR(h->snippets);
  return 0;
}

void HitDealloc(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  HitClear(self);
  type->tp_free(self);
  Py_DECREF(type);
}

PyObject* Snippets(PyObject* self, void*) {
  HitObject* h = AsHit(self);
  if (h->snippets == nullptr) return PyList_New(0);
  Py_INCREF(h->snippets);
  return h->snippets;
}

PyObject* Address(PyObject* self, void*) {
  const DocAddress& a = AsHit(self)->key.address;
  return Py_BuildValue("(II)", static_cast<unsigned int>(a.segment),
                       static_cast<unsigned int>(a.doc));
}

PyObject* Repr(PyObject* self) {
  HitObject* h = AsHit(self);
  try {
    std::string out = absl::StrCat("Hit(score=", h->key.score,
                                   ", id=", py::repr(h->id).cast<std::string>());
    if (h->sort_value != Py_None) {
      absl::StrAppend(&out, ", sort_value=", py::repr(h->sort_value).cast<std::string>());
    }
    absl::StrAppend(&out, ", address=(", h->key.address.segment, ", ", h->key.address.doc, "))");
    return PyUnicode_FromStringAndSize(out.data(), static_cast<Py_ssize_t>(out.size()));
  } catch (py::error_already_set& e) {
    e.restore();
    return nullptr;
  }
}

PyMemberDef kMembers[] = {
    {"id", T_OBJECT, offsetof(HitObject, id), READONLY, "The id field's value, or None."},
    {"sort_value", T_OBJECT, offsetof(HitObject, sort_value), READONLY,
     "With search(sort=field): the document's value of that field, None when it has\n"
     "none. int for an i64 field, float for f64, datetime.datetime in UTC for a\n"
     "date (int seconds since 1970 for a date outside datetime's range, year 0).\n"
     "None without sort."},
    {"doc", T_OBJECT, offsetof(HitObject, doc), READONLY,
     "Stored fields: a dict of field -> str, or list of str for a multi-valued\n"
     "field (empty with search(load_docs=False))."},
    {nullptr, 0, 0, 0, nullptr},
};

PyObject* Score(PyObject* self, void*) {
  return PyFloat_FromDouble(static_cast<double>(AsHit(self)->key.score));
}

PyGetSetDef kGetSets[] = {
    {"score", &Score, nullptr, "BM25 score, summed over the matching clauses.", nullptr},
    {"snippets", &Snippets, nullptr, "Snippets of the requested fields (a list).", nullptr},
    {"address", &Address, nullptr,
     "(segment, doc): where the document lives; valid only for this searcher.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

void BindHit(py::module_& m) {
  static PyType_Slot slots[] = {
      {Py_tp_doc, const_cast<char*>("One matching document.")},
      {Py_tp_dealloc, reinterpret_cast<void*>(&HitDealloc)},
      {Py_tp_traverse, reinterpret_cast<void*>(&HitTraverse)},
      {Py_tp_clear, reinterpret_cast<void*>(&HitClear)},
      {Py_tp_repr, reinterpret_cast<void*>(&Repr)},
      {Py_tp_members, kMembers},
      {Py_tp_getset, kGetSets},
      {0, nullptr},
  };
  static PyType_Spec spec = {
      "trawl._trawl.Hit",
      sizeof(HitObject),
      0,
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
      Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
#else
      Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
#endif
      slots,
  };
  PyObject* type = PyType_FromSpec(&spec);
  if (type == nullptr) throw py::error_already_set();
  hit_type = reinterpret_cast<PyTypeObject*>(type);
#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
  hit_type->tp_new = nullptr;  // made by searches only
#endif
  // The module owns the reference; hit_type stays valid while it is loaded.
  m.add_object("Hit", py::reinterpret_steal<py::object>(type));
}

py::object MakeHit(const HitKey& key, py::handle id, py::handle sort_value, py::handle doc,
                   py::handle snippets) {
  HitObject* h = PyObject_GC_New(HitObject, hit_type);
  if (h == nullptr) throw py::error_already_set();
  new (&h->key) HitKey(key);  // trivially destructible: no destructor call needed
  h->id = id.inc_ref().ptr();
  h->sort_value = sort_value.inc_ref().ptr();
  h->doc = doc.inc_ref().ptr();
  h->snippets = snippets ? snippets.inc_ref().ptr() : nullptr;
  PyObject_GC_Track(reinterpret_cast<PyObject*>(h));
  return py::reinterpret_steal<py::object>(reinterpret_cast<PyObject*>(h));
}

bool IsHit(py::handle object) { return Py_TYPE(object.ptr()) == hit_type; }

const HitKey& KeyOf(py::handle hit) {
  return reinterpret_cast<HitObject*>(hit.ptr())->key;
}

}  // namespace trawl::python
