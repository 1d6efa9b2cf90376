using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Enums as exactly one of their names. JsonStringEnumConverter alone also reads "Draft, Open" as
/// Draft | Open, which for an enum that is not [Flags] silently becomes another single value (Open).
/// </summary>
internal sealed class EnumNameConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter names = new(allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneName<>).MakeGenericType(typeToConvert), names.CreateConverter(typeToConvert, options))!;

    private sealed class OneName<T>(JsonConverter<T> names) : JsonConverter<T> where T : struct, Enum
    {
        private static readonly bool Flags = typeof(T).IsDefined(typeof(FlagsAttribute), inherit: false);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Refuse(ref reader);
            return names.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Refuse(ref reader);
            return names.ReadAsPropertyName(ref reader, typeToConvert, options);
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            names.WriteAsPropertyName(writer, value, options);

        private static void Refuse(ref Utf8JsonReader reader)
        {
            if (!Flags && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueSpan.IndexOf((byte)',') >= 0)
                throw new JsonException($"Expected one {typeof(T).Name}, not a list.");
        }
    }
}
