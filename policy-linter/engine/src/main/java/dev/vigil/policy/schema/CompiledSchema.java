package dev.vigil.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * A JSON schema compiled once with networknt json-schema-validator (draft 2020-12), kept together with its JSON
 * text so findings can name the properties a misspelled field was probably meant to be.
 */
record CompiledSchema(ObjectNode json, Schema schema) {
    /** No remote references are ever fetched: every schema Vigil compiles is self-contained. */
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Nothing but the class initialisation (the registry), see {@link KubeSchemas#warmUp()}. */
    static void warmUp() {
        REGISTRY.getClass();
    }

    static CompiledSchema of(ObjectNode json, String id) {
        ObjectNode copy = json.deepCopy();
        copy.remove("$schema");
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(id), copy);
        schema.initializeValidators();
        return new CompiledSchema(copy, schema);
    }

    /** The schema node at a JSON pointer of this schema's document (missing node when absent). */
    JsonNode at(String pointer) {
        return json.at(pointer);
    }
}
