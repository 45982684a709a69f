/* Optional compiled versions of three hot loops over UTF-8 bytes; each has a pure-Python twin that
 * gives the same answer (tests/test_speedups.py compares them on random text):
 *
 *   count_words(data)            engine.count_words: white-space separated items, plus one per
 *                                CJK character (U+2E80-U+9FFF, U+F900-U+FAFF).
 *   select_matches(...)          index._select_matches_py: the glossary automaton's overlapping
 *                                matches, word-bounded, leftmost-longest, without overlaps.
 *   char_offsets(data, matches)  index.ByteMatches.chars: byte offsets -> character offsets.
 *
 * Built when a C compiler is at hand (setup.py marks the extension optional); without it, the
 * Python twins run. The data is valid UTF-8 (text encoded with "surrogatepass").
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

/* The code point starting at data[i]; *size gets its length in bytes (1 for a stray byte). */
static Py_UCS4
decode_at(const unsigned char *data, Py_ssize_t n, Py_ssize_t i, Py_ssize_t *size)
{
    unsigned char b = data[i];
    if (b < 0x80) {
        *size = 1;
        return b;
    }
    if (b >= 0xF0 && i + 3 < n) {
        *size = 4;
        return ((Py_UCS4)(b & 0x07) << 18) | ((Py_UCS4)(data[i + 1] & 0x3F) << 12)
               | ((Py_UCS4)(data[i + 2] & 0x3F) << 6) | (data[i + 3] & 0x3F);
    }
    if (b >= 0xE0 && i + 2 < n) {
        *size = 3;
        return ((Py_UCS4)(b & 0x0F) << 12) | ((Py_UCS4)(data[i + 1] & 0x3F) << 6) | (data[i + 2] & 0x3F);
    }
    if (b >= 0xC0 && i + 1 < n) {
        *size = 2;
        return ((Py_UCS4)(b & 0x1F) << 6) | (data[i + 1] & 0x3F);
    }
    *size = 1;
    return b;
}

/* 1 for an ASCII byte that is part of a word, 0 for white space (str.isspace(): \t \n \v \f \r,
 * \x1c-\x1f and the space). */
static unsigned char word_byte[128];

static PyObject *
count_words(PyObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *data = view.buf;
    Py_ssize_t n = view.len, i = 0, words = 0;
    int in_word = 0;
    Py_BEGIN_ALLOW_THREADS
    while (i < n) {
        unsigned char b = data[i];
        if (b < 0x80) { /* no branch on the word's start: 2.5x faster on English */
            int w = word_byte[b];
            words += w > in_word;
            in_word = w;
            i++;
            continue;
        }
        Py_ssize_t size;
        Py_UCS4 ch = decode_at(data, n, i, &size);
        i += size;
        if ((ch >= 0x2E80 && ch <= 0x9FFF) || (ch >= 0xF900 && ch <= 0xFAFF))
            words++; /* a character of a text written without spaces: one word each */
        int w = !Py_UNICODE_ISSPACE(ch);
        words += w > in_word;
        in_word = w;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(words);
}

typedef struct {
    Py_ssize_t start, end, pattern;
} Candidate;

static int
compare_candidates(const void *a, const void *b)
{
    const Candidate *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* the longest first */
    if (x->pattern != y->pattern)
        return x->pattern < y->pattern ? -1 : 1;
    return 0;
}

/* Is an ASCII byte a letter or digit (str.isalnum)? */
static int
ascii_alnum(unsigned char b)
{
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
}

/* Does the character decoded from data[lo:hi] join a form to a word? joins(ch) decides. */
static int
call_joins(PyObject *joins, const unsigned char *data, Py_ssize_t lo, Py_ssize_t hi)
{
    PyObject *ch = PyUnicode_DecodeUTF8((const char *)data + lo, hi - lo, "surrogatepass");
    if (ch == NULL)
        return -1;
    PyObject *answer = PyObject_CallOneArg(joins, ch);
    Py_DECREF(ch);
    if (answer == NULL)
        return -1;
    int truth = PyObject_IsTrue(answer);
    Py_DECREF(answer);
    return truth;
}

/* Does the text next to a match make it part of a longer word? 1 yes, 0 no, -1 error. */
static int
joined_before(PyObject *joins, const unsigned char *data, Py_ssize_t start)
{
    unsigned char b = data[start - 1];
    if (b < 0x80)
        return ascii_alnum(b);
    Py_ssize_t lo = start - 1;
    while (lo > 0 && (data[lo] & 0xC0) == 0x80)
        lo--;
    return call_joins(joins, data, lo, start);
}

static int
joined_after(PyObject *joins, const unsigned char *data, Py_ssize_t n, Py_ssize_t end)
{
    unsigned char b = data[end];
    if (b < 0x80)
        return ascii_alnum(b);
    Py_ssize_t size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (end + size > n)
        size = n - end;
    return call_joins(joins, data, end, end + size);
}

static int
as_ssize(PyObject *tuple, Py_ssize_t k, Py_ssize_t *out)
{
    *out = PyLong_AsSsize_t(PyTuple_GET_ITEM(tuple, k));
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* select_matches(data, parts, edges, variant_of, form_count, joins) -> [(start, end, form id)]
 *
 * parts: [(offset, until, [(start, end, pattern id), ...]), ...] as index._find returns them.
 * edges: bytes-like, per form id: 1 its start needs a word boundary, 2 its end does.
 * variant_of: bytes-like of unsigned 32-bit ints: pattern id - form_count -> form id.
 * joins: called with a non-ASCII character next to a match; true if it joins the match to a word.
 */
static PyObject *
select_matches(PyObject *self, PyObject *args)
{
    PyObject *data_obj, *parts, *edges_obj, *variant_obj, *joins;
    Py_ssize_t forms;
    if (!PyArg_ParseTuple(args, "OO!OOnO", &data_obj, &PyList_Type, &parts, &edges_obj, &variant_obj, &forms, &joins))
        return NULL;
    Py_buffer data_view, edges_view, variant_view;
    if (PyObject_GetBuffer(data_obj, &data_view, PyBUF_SIMPLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(edges_obj, &edges_view, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&data_view);
        return NULL;
    }
    if (PyObject_GetBuffer(variant_obj, &variant_view, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&edges_view);
        PyBuffer_Release(&data_view);
        return NULL;
    }
    const unsigned char *data = data_view.buf, *edges = edges_view.buf;
    const uint32_t *variant_of = variant_view.buf;
    Py_ssize_t n = data_view.len, variants = variant_view.len / 4;
    Candidate *cands = NULL;
    Py_ssize_t count = 0, capacity = 0;
    PyObject *result = NULL;

    for (Py_ssize_t p = 0; p < PyList_GET_SIZE(parts); p++) {
        PyObject *part = PyList_GET_ITEM(parts, p);
        if (!PyTuple_Check(part) || PyTuple_GET_SIZE(part) != 3 || !PyList_Check(PyTuple_GET_ITEM(part, 2))) {
            PyErr_SetString(PyExc_TypeError, "a part is (offset, until, list of matches)");
            goto done;
        }
        Py_ssize_t offset, until;
        if (as_ssize(part, 0, &offset) < 0 || as_ssize(part, 1, &until) < 0)
            goto done;
        PyObject *found = PyTuple_GET_ITEM(part, 2);
        Py_ssize_t m = PyList_GET_SIZE(found);
        if (count + m > capacity) {
            Py_ssize_t wanted = count + m;
            Candidate *grown = realloc(cands, (size_t)(wanted > 0 ? wanted : 1) * sizeof(Candidate));
            if (grown == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            cands = grown;
            capacity = wanted;
        }
        for (Py_ssize_t k = 0; k < m; k++) {
            PyObject *match = PyList_GET_ITEM(found, k);
            if (!PyTuple_Check(match) || PyTuple_GET_SIZE(match) != 3) {
                PyErr_SetString(PyExc_TypeError, "a match is (start, end, pattern id)");
                goto done;
            }
            Py_ssize_t start, end, pattern;
            if (as_ssize(match, 0, &start) < 0 || as_ssize(match, 1, &end) < 0 || as_ssize(match, 2, &pattern) < 0)
                goto done;
            start += offset;
            if (start >= until)
                continue; /* the next part's */
            end += offset;
            if (pattern >= forms) {
                if (pattern - forms >= variants) {
                    PyErr_SetString(PyExc_IndexError, "pattern id beyond the apostrophe variants");
                    goto done;
                }
                pattern = variant_of[pattern - forms];
            }
            if (pattern < 0 || pattern >= edges_view.len || start < 0 || end > n || start > end) {
                PyErr_SetString(PyExc_IndexError, "match outside the text or the forms");
                goto done;
            }
            unsigned char edge = edges[pattern];
            if ((edge & 1) && start > 0) {
                int joined = joined_before(joins, data, start);
                if (joined < 0)
                    goto done;
                if (joined)
                    continue;
            }
            if ((edge & 2) && end < n) {
                int joined = joined_after(joins, data, n, end);
                if (joined < 0)
                    goto done;
                if (joined)
                    continue;
            }
            cands[count].start = start;
            cands[count].end = end;
            cands[count].pattern = pattern;
            count++;
        }
    }
    if (count > 1)
        qsort(cands, (size_t)count, sizeof(Candidate), compare_candidates);
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    Py_ssize_t taken_until = -1;
    for (Py_ssize_t k = 0; k < count; k++) {
        if (cands[k].start < taken_until)
            continue;
        PyObject *item = Py_BuildValue("(nnn)", cands[k].start, cands[k].end, cands[k].pattern);
        if (item == NULL || PyList_Append(result, item) < 0) {
            Py_XDECREF(item);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(item);
        taken_until = cands[k].end;
    }
done:
    free(cands);
    PyBuffer_Release(&variant_view);
    PyBuffer_Release(&edges_view);
    PyBuffer_Release(&data_view);
    return result;
}

/* char_offsets(data, matches) -> matches with character offsets: a character is a byte that is no
 * UTF-8 continuation byte. The matches are in order and do not overlap. */
static PyObject *
char_offsets(PyObject *self, PyObject *args)
{
    PyObject *data_obj, *matches;
    if (!PyArg_ParseTuple(args, "OO!", &data_obj, &PyList_Type, &matches))
        return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(data_obj, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *data = view.buf;
    Py_ssize_t n = view.len, m = PyList_GET_SIZE(matches);
    PyObject *result = PyList_New(m);
    if (result == NULL)
        goto fail;
    Py_ssize_t byte_pos = 0, char_pos = 0;
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *match = PyList_GET_ITEM(matches, k);
        Py_ssize_t start, end, form_id;
        if (!PyTuple_Check(match) || PyTuple_GET_SIZE(match) != 3) {
            PyErr_SetString(PyExc_TypeError, "a match is (start, end, form id)");
            goto fail;
        }
        if (as_ssize(match, 0, &start) < 0 || as_ssize(match, 1, &end) < 0 || as_ssize(match, 2, &form_id) < 0)
            goto fail;
        if (start < byte_pos || end < start || end > n) {
            PyErr_SetString(PyExc_ValueError, "matches out of order or outside the text");
            goto fail;
        }
        for (; byte_pos < start; byte_pos++)
            char_pos += (data[byte_pos] & 0xC0) != 0x80;
        Py_ssize_t char_start = char_pos;
        for (; byte_pos < end; byte_pos++)
            char_pos += (data[byte_pos] & 0xC0) != 0x80;
        PyObject *item = Py_BuildValue("(nnn)", char_start, char_pos, form_id);
        if (item == NULL)
            goto fail;
        PyList_SET_ITEM(result, k, item);
    }
    PyBuffer_Release(&view);
    return result;
fail:
    Py_XDECREF(result);
    PyBuffer_Release(&view);
    return NULL;
}

static PyMethodDef methods[] = {
    {"count_words", count_words, METH_O, "Words of UTF-8 text for the MQM penalty (see engine.count_words)."},
    {"select_matches", select_matches, METH_VARARGS, "Word-bounded, leftmost-longest glossary matches."},
    {"char_offsets", char_offsets, METH_VARARGS, "Byte offsets of ordered matches -> character offsets."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tqcheck._speedups", "Compiled twins of three hot loops (optional).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    for (int b = 0; b < 128; b++)
        word_byte[b] = !(b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F));
    return PyModule_Create(&module);
}
