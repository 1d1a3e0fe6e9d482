/* A small test harness shared by the C test programs: TAP-like "ok"/"not ok" lines and a
 * closing "N passed, N failed" line, and builders of the interface's borrowed texts. */
#ifndef REVTAIN_TEST_HARNESS_H
#define REVTAIN_TEST_HARNESS_H

#include <cjson/cJSON.h>
#include <revtain.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_passed = 0;
static int t_failed = 0;
static int t_case_failed = 0;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "    %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
      t_case_failed = 1;                                                             \
    }                                                                                \
  } while (0)

static void case_begin(void) { t_case_failed = 0; }

static void case_end(const char *id) {
  if (t_case_failed) {
    t_failed++;
    printf("not ok - %s\n", id);
  } else {
    t_passed++;
    printf("ok - %s\n", id);
  }
}

static int summary(void) {
  printf("%d passed, %d failed\n", t_passed, t_failed);
  return t_failed == 0 ? 0 : 1;
}

/* Reads a whole file; the caller frees. */
static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  long n;
  char *buf;
  if (!f) {
    perror(path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  buf[n] = '\0';
  fclose(f);
  return buf;
}

static cJSON *load_vectors(const char *dir, const char *name) {
  char path[4096];
  char *text;
  cJSON *json;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  text = read_file(path);
  json = cJSON_Parse(text);
  free(text);
  if (!json) {
    fprintf(stderr, "%s is not valid JSON\n", path);
    exit(2);
  }
  return json;
}

/* Decodes lower-case hex into a fresh buffer; the caller frees. */
static inline unsigned char *unhex(const char *hex, size_t *len) {
  size_t n = strlen(hex) / 2, i;
  unsigned char *out = malloc(n ? n : 1);
  for (i = 0; i < n; i++) {
    unsigned int b;
    sscanf(hex + 2 * i, "%2x", &b);
    out[i] = (unsigned char)b;
  }
  *len = n;
  return out;
}

static const char *str_field(const cJSON *obj, const char *name) {
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
  return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* A revtain_str of a NUL-terminated string (its NUL not included); NULL gives {NULL, 0}. */
static inline revtain_str str_of(const char *s) {
  revtain_str r;
  r.ptr = s;
  r.len = s ? strlen(s) : 0;
  return r;
}

/* A revtain_header of two NUL-terminated strings. */
static inline revtain_header header_of(const char *name, const char *value) {
  revtain_header h;
  h.name = str_of(name);
  h.value = str_of(value);
  return h;
}

/* Runs `fn` on every case of `group`, each case its own `ok`/`not ok` line named by its id. */
static inline void run_group(const cJSON *vectors, const char *group, void (*fn)(const cJSON *)) {
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(vectors, group)) {
    case_begin();
    fn(c);
    case_end(str_field(c, "id"));
  }
}

#endif
