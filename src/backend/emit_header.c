/* src/backend/emit_header.c — the generated header: the typed C API of a policy.
 * Part of rulec; see README.md for the licence. */
#include "emit.h"
#include "emit_internal.h"

#include <string.h>

static void emit_member_constants(struct buffer *h, const char *policy_upper, const char *name,
                                  uint16_t count, const char *const *members,
                                  const char *const *labels, int flags)
{
    char upper[256], member_upper[256];
    buffer_upper(name, upper, sizeof upper);
    for (unsigned i = 0; i < count; i++) {
        buffer_upper(members[i], member_upper, sizeof member_upper);
        if (flags) {
            emit(h, "#define %s_%s_%s (1u << %u) /* ", policy_upper, upper, member_upper, i);
        } else {
            int width = (int)(strlen(policy_upper) + strlen(upper) + strlen(member_upper) + 2);
            emit(h, "    %s_%s_%s = %u,%*s/* ", policy_upper, upper, member_upper, i,
                 width < 48 ? 48 - width : 1, "");
        }
        emit_comment_text(h, labels[i]);
        emit(h, " */\n");
    }
}

/* An enumeration of the header: its comment, its enumerators. */
static void emit_enum_type(struct buffer *h, const char *p, const char *upper,
                           const char *what, const char *name, const char *label,
                           uint16_t nmembers, const char *const *members,
                           const char *const *labels)
{
    emit(h, "/* %s %s: ", what, name);
    emit_comment_text(h, label);
    emit(h, " */\nenum %s_%s_value {\n", p, name);
    emit_member_constants(h, upper, name, nmembers, members, labels, 0);
    emit(h, "};\n\n");
}

static const char *emit_c_type(enum rulec_type type, const char *policy, const char *name,
                               char *buffer, size_t size)
{
    switch (type) {
    case RULEC_TYPE_BOOL: return "bool";
    case RULEC_TYPE_INT:
    case RULEC_TYPE_DATE: return "int32_t";     /* a date as the number YYYYMMDD */
    case RULEC_TYPE_SET: return "uint32_t";
    default:
        snprintf(buffer, size, "enum %s_%s_value", policy, name);
        return buffer;
    }
}

static const char *emit_type_comment(enum rulec_type type)
{
    switch (type) {
    case RULEC_TYPE_DATE: return ", a date written YYYYMMDD (20180401)";
    case RULEC_TYPE_SET: return ", a mask of the flags above";
    default: return "";
    }
}

/* The names the header declares for itself and those it makes from the rule file's are of
 * shapes that never meet, so that no name of a policy is refused for the API's sake:
 *   - the policy's enumerations are enum <policy>_<name>_value, the API's types
 *     <policy>_input, _outputs, _result, _outcome and _status (none ends in _value);
 *   - the policy's constants are <POLICY>_<NAME>_<MEMBER>, with an underscore past the
 *     policy's; the API's are one word after it (<POLICY>_OK, <POLICY>_MISSING, _SHA256, _H);
 *   - the policy's outputs are fields of struct <policy>_outputs, alone there; the result's
 *     own fields (rule, reason, line, ...) are beside that struct, in struct <policy>_result;
 *   - the policy's functions end in _name (<policy>_<name>_name, _from_name); the API's
 *     (<policy>_decide, <policy>_policy) do not.
 * emit_names.c checks what is left: two declarations of the policy making one name, a C
 * keyword, a name too long. */
struct emit_field {
    const char *type, *name, *comment;
};
static const struct emit_field emit_result_head[] = {
    { "enum %s_outcome", "outcome", NULL },
    { "const char *", "reason", "unspecified and invalid: why; otherwise NULL" },
    { "struct %s_outputs", "outputs", "the answer: has_<output> says whether <output> is set" },
    { "const char *", "rule", "the deciding rule's name" },
    { "const char *", "citation", "the sections it cites" },
    { "const char *", "quote", "the first cited sentence, or NULL" },
    { "const char *", "interpretation", "why the passages it reads together say this, or NULL" },
    { "unsigned", "line", "the rule's line in the rule file" },
    { "const char *", "error_input", "on an error: the input at fault" },
};

/* A fixed field of the result. */
static void emit_field(struct buffer *h, const char *policy_name, const struct emit_field *field)
{
    emit(h, "    ");
    emit(h, field->type, policy_name);
    emit(h, "%s%s;", field->type[strlen(field->type) - 1] == '*' ? "" : " ", field->name);
    if (field->comment)
        emit(h, " /* %s */", field->comment);
    emit(h, "\n");
}

/* The header: struct <policy>_input. */
static void emit_claim_struct(struct buffer *h, const struct rulec_policy *policy)
{
    char type[300];
    const char *p = policy->name;
    emit(h, "/* A claim. Set has_<input> for each input given; an input the decision does not\n"
            " * need may be left out. */\nstruct %s_input {\n", p);
    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        emit(h, "    bool has_%s;\n", var->name);
        emit(h, "    %s %s; /* ",
             emit_c_type((enum rulec_type)var->type, p, var->name, type, sizeof type), var->name);
        emit_comment_text(h, var->label);
        emit(h, "%s", emit_type_comment((enum rulec_type)var->type));
        /* In English, as the rest of the header (a C developer reads it). */
        if (var->bounded && var->low != INT32_MIN && var->high != INT32_MAX)
            emit(h, ", from %ld to %ld", (long)var->low, (long)var->high);
        else if (var->bounded && var->low != INT32_MIN)
            emit(h, ", at least %ld", (long)var->low);
        else if (var->bounded && var->high != INT32_MAX)
            emit(h, ", at most %ld", (long)var->high);
        emit(h, " */\n");
    }
    emit(h, "};\n\n");
}

/* The header: the outcomes and struct <policy>_result. */
static void emit_result_struct(struct buffer *h, const struct rulec_policy *policy, const char *upper)
{
    char type[300];
    const char *p = policy->name;
    emit(h, "enum %s_outcome {\n", p);
    emit(h, "    %s_DECIDED = 0,      /* the rules decide: see the outputs */\n", upper);
    emit(h, "    %s_UNSPECIFIED = 1,  /* the source is silent here: see reason */\n", upper);
    emit(h, "    %s_INVALID = 2       /* no real claim looks like this: see reason */\n", upper);
    emit(h, "};\n\n");

    emit(h, "/* The policy's outputs: set when has_<output> is true, else 0. */\n");
    emit(h, "struct %s_outputs {\n", p);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        emit(h, "    bool has_%s;\n", output->name);
        emit(h, "    %s %s; /* ",
             emit_c_type((enum rulec_type)output->type, p, output->name, type, sizeof type),
             output->name);
        emit_comment_text(h, output->label);
        emit(h, "%s */\n", emit_type_comment((enum rulec_type)output->type));
    }
    emit(h, "};\n\n");
    emit(h, "struct %s_result {\n", p);
    for (size_t i = 0; i < sizeof emit_result_head / sizeof *emit_result_head; i++)
        emit_field(h, p, &emit_result_head[i]);
    emit(h, "};\n\n");
}

/* The header: the statuses and the decision function. */
static void emit_status(struct buffer *h, const struct rulec_policy *policy, const char *upper)
{
    const char *p = policy->name;
    emit(h, "enum %s_status {\n", p);
    emit(h, "    %s_OK = 0,\n", upper);
    emit(h, "    /* The decision needs result->error_input. */\n");
    emit(h, "    %s_MISSING = 1,\n", upper);
    emit(h, "    /* result->error_input holds no allowed value, or a date the answer computes from\n"
            "     * it leaves the years 1000 to 9999; or input is NULL (error_input NULL), or\n"
            "     * result is (then nothing is written). */\n");
    emit(h, "    %s_BADINPUT = 2,\n", upper);
    emit(h, "    /* Malformed tables: never for tables rulec wrote. */\n");
    emit(h, "    %s_INTERNAL = 3,\n", upper);
    emit(h, "    /* The library linked (librulec), when it must read these tables (a claim that\n"
            "     * lacks an input), reads tables of another layout: build them with its rulec. */\n");
    emit(h, "    %s_MISMATCH = 4\n", upper);
    emit(h, "};\n\n");
    emit(h, "/* Decides a claim. Allocates nothing and keeps no state: safe from many threads.\n"
            " * input and result must not be NULL (%s_BADINPUT if one is). */\n", upper);
    emit(h, "enum %s_status %s_decide(const struct %s_input *input, struct %s_result *result);\n\n",
         p, p, p, p);
}

/* The header: names of members, and the tables. */
static void emit_name_functions(struct buffer *h, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    emit(h, "/* Names and values: a name is the rule file's spelling; NULL or -1 when unknown, and\n"
            " * -1 when name or value is NULL. */\n");
    for (int pass = 0; pass < 2; pass++) {
        unsigned count = pass ? policy->noutputs : policy->ninputs;
        for (unsigned i = 0; i < count; i++) {
            const char *name = pass ? policy->outputs[i].name : policy->vars[i].name;
            unsigned kind = pass ? policy->outputs[i].type : policy->vars[i].type;
            if (kind != RULEC_TYPE_ENUM)
                continue;
            emit(h, "const char *%s_%s_name(enum %s_%s_value value);\n", p, name, p, name);
            emit(h, "int %s_%s_from_name(const char *name, enum %s_%s_value *value);\n", p, name, p,
                 name);
        }
    }
    emit(h, "\n/* The tables themselves, for generic tools built on the runtime (<rulec/rulec.h>). */\n");
    emit(h, "struct rulec_policy;\nconst struct rulec_policy *%s_policy(void);\n\n", p);
    emit(h, "#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
}

void emit_header(struct buffer *h, const struct rulec_policy *policy, const char *digest)
{
    char upper[256];
    const char *p = policy->name;
    buffer_upper(p, upper, sizeof upper);
    emit_banner(h, policy, digest, "h", "the typed C API of the policy");
    emit(h, "#ifndef %s_H\n#define %s_H\n\n", upper, upper);
    emit(h, "#include <stdbool.h>\n#include <stdint.h>\n\n");
    emit(h, "/* The version of the rules these tables encode: the rule file's SHA-256. */\n");
    emit(h, "#define %s_SHA256 \"%s\"\n\n", upper, digest);
    emit(h, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
    emit(h, "/* ");
    emit_comment_text(h, policy->title);
    emit(h, " */\n\n");

    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        if (var->type != RULEC_TYPE_ENUM)
            continue;
        emit_enum_type(h, p, upper, "Input", var->name, var->label, var->nmembers,
                       var->members, var->member_labels);
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (output->type == RULEC_TYPE_ENUM) {
            emit_enum_type(h, p, upper, "Output", output->name, output->label,
                           output->nmembers, output->members, output->member_labels);
        } else if (output->type == RULEC_TYPE_SET) {
            emit(h, "/* Output %s: ", output->name);
            emit_comment_text(h, output->label);
            emit(h, "; one bit per flag */\n");
            emit_member_constants(h, upper, output->name, output->nmembers, output->members,
                                  output->member_labels, 1);
            emit(h, "\n");
        }
    }
    emit_claim_struct(h, policy);
    emit_result_struct(h, policy, upper);
    emit_status(h, policy, upper);
    emit_name_functions(h, policy);
}
