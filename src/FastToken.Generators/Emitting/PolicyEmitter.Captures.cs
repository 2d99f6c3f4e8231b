using FastToken.Generators.Model;

namespace FastToken.Generators.Emitting;

internal static partial class PolicyEmitter
{
    /// <summary>
    /// A struct policy that captures claims holds the validation result and, per claim, either
    /// where its value starts (text and arrays, read back from the result's buffer) or its
    /// parsed value.
    /// </summary>
    private static void WriteCaptureFields(SourceWriter writer, PolicyModel model)
    {
        writer.WriteLine(s_generatedCode);
        writer.WriteLine("private readonly " + ValidationResult + " __token;");
        foreach (CaptureModel capture in model.Captures)
        {
            writer.WriteLine(s_generatedCode);
            writer.WriteLine("private readonly " + FieldType(capture) + " __" + capture.PropertyName + ";");
        }

        writer.WriteLine();
        writer.WriteLine(s_generatedCode);
        writer.WriteLine(
            "private " + model.Type.Name + "(" + ValidationResult + " token, scoped in " + VisitorType + " visitor)");
        writer.OpenBlock();
        writer.WriteLine("__token = token;");
        foreach (CaptureModel capture in model.Captures)
        {
            writer.WriteLine("__" + capture.PropertyName + " = visitor.Captured" + capture.PropertyName + ";");
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteCaptureProperties(SourceWriter writer, PolicyModel model)
    {
        foreach (CaptureModel capture in model.Captures)
        {
            string field = "__" + capture.PropertyName;
            string body = capture.Kind switch
            {
                CaptureKind.Utf8String => Values + ".GetStringAt(__token, " + field + ")",
                CaptureKind.StringArray => Values + ".GetStringArrayAt(__token, " + field + ")",
                _ => field,
            };
            writer.WriteLine(s_generatedCode);
            writer.WriteLine(
                capture.Accessibility + " partial " + capture.TypeName + " " + capture.PropertyName + " =>");
            writer.Indent();
            writer.WriteLine(body + ";");
            writer.Unindent();
            writer.WriteLine();
        }
    }

    private static bool IsKeptByOffset(CaptureModel capture) =>
        capture.Kind is CaptureKind.Utf8String or CaptureKind.StringArray;

    /// <summary>Value offsets are kept one more than they are, so that the default (0) means absent.</summary>
    private static string FieldType(CaptureModel capture) => IsKeptByOffset(capture) ? "int" : capture.TypeName;
}
