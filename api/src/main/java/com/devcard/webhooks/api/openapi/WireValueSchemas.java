package com.devcard.webhooks.api.openapi;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryState;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Documents the status types by their wire values, taken from the enums themselves, so the document
 * can never list a status the service does not have. A property or parameter that carries one names
 * its type with {@code @Schema(implementation = DeliveryStatus.class)}; its description and the
 * rest of the annotation still apply.
 */
@Component
class WireValueSchemas implements ModelConverter {

  private static final Map<Class<?>, StringSchema> SCHEMAS =
      Map.of(
          DeliveryStatus.class,
          schema(
              List.of(DeliveryStatus.values()).stream().map(DeliveryStatus::wireValue).toList(),
              DeliveryStatus.FAILED.wireValue()),
          RecoveryState.class,
          schema(
              List.of(RecoveryState.values()).stream().map(RecoveryState::wireValue).toList(),
              RecoveryState.RUNNING.wireValue()));

  @Override
  public Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    StringSchema known = SCHEMAS.get(rawClass(type.getType()));
    if (known != null) {
      return schema(known.getEnum(), (String) known.getExample());
    }
    return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
  }

  private static StringSchema schema(List<String> values, String example) {
    StringSchema schema = new StringSchema();
    values.forEach(schema::addEnumItem);
    schema.example(example);
    return schema;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> raw) {
      return raw;
    }
    return type instanceof JavaType javaType ? javaType.getRawClass() : null;
  }
}
