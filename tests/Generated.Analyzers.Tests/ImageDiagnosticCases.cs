namespace Generated.Analyzers.Tests;

/// <summary>
/// Convolution, pooling and per-channel layers: declaration errors (GEN012, GEN013, GEN015, GEN023–GEN025) and the risky
/// choices that apply to convolutions as they do to dense layers. The valid model is a 1x28x28 image through a ReLU
/// convolution and a flatten into the default logits.
/// </summary>
internal static partial class DiagnosticCases
{
    private const string ImageModel = "[Model(1, 28, 28, MaxBatch = 32)]";
    private const string Conv = "[Conv2D(8, 3, Activation.ReLU)] public partial Layer Conv { get; }";
    private const string Pool = "[MaxPool2D(2)] public partial Layer Pool { get; }";
    private const string Flat = "[Flatten] public partial Layer Flat { get; }";

    private static readonly DiagnosticCase[] ImageCases =
    {
        // GEN012 padding that is not a member of Padding
        Image("GEN012", "unknown padding", "[Conv2D(8, 3, Activation.ReLU, [|Padding = (Padding)3|])] public partial Layer Conv { get; }",
            "[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)] public partial Layer Conv { get; }"),

        // GEN013 a feature map into a dense layer: the existing fix inserts the flatten
        Case("GEN013", "feature map into dense without flatten", model: ImageModel, hidden: Conv,
            drop: "[Dense(64, Activation.ReLU)] public partial Layer [|Hidden2|] { get; }",
            fixedDrop: "[Flatten] public partial Layer Flatten { get; }" + Line + "[Dense(64, Activation.ReLU)] public partial Layer Hidden2 { get; }", fix: true),

        // GEN015 sizes that are not positive, and softmax over a feature map
        Image("GEN015", "zero filters", "[Conv2D([|0|], 3, Activation.ReLU)] public partial Layer Conv { get; }"),
        Image("GEN015", "negative kernel", "[Conv2D(8, [|-3|], Activation.ReLU)] public partial Layer Conv { get; }"),
        Image("GEN015", "stride 0", "[Conv2D(8, 3, Activation.ReLU, [|Stride = 0|])] public partial Layer Conv { get; }"),
        Image("GEN015", "dilation 0", "[Conv2D(8, 3, Activation.ReLU, [|Dilation = 0|])] public partial Layer Conv { get; }"),
        Image("GEN015", "groups 0", "[Conv2D(8, 3, Activation.ReLU, [|Groups = 0|])] public partial Layer Conv { get; }"),
        Image("GEN015", "softmax convolution", "[Conv2D(8, 3, [|Activation.Softmax|])] public partial Layer Conv { get; }"),
        Image("GEN015", "pool size 0", Conv + Line + "[MaxPool2D([|0|])] public partial Layer Pool { get; }", Conv + Line + Pool),
        Image("GEN015", "pool stride 0", Conv + Line + "[AvgPool2D(2, [|Stride = 0|])] public partial Layer Pool { get; }", Conv + Line + "[AvgPool2D(2)] public partial Layer Pool { get; }"),

        // GEN018 one worker's column matrix beyond one array: 512·9² rows by 252² positions at stride 2; a stride of 4 fits
        Case("GEN018", "strided convolution scratch beyond one array", model: "[Model(512, 512, 512, MaxBatch = 1)]",
            hidden: "[Conv2D(8, 9, Activation.ReLU, Stride = 2)] public partial Layer [|Conv|] { get; }", drop: Flat,
            fixedModel: "[Model(512, 512, 512, MaxBatch = 1)]", fixedHidden: "[Conv2D(8, 9, Activation.ReLU, Stride = 4)] public partial Layer Conv { get; }"),

        // GEN018 at stride 1 (shifted planes, no column matrix): 4096 padded planes of 520x520, their gradient and the
        // filters' extended rows pass 2^31 floats; 2048 channels fit. (At stride 1, 256·7² rows by 506² positions, which
        // a column matrix could not hold, are fine.)
        Case("GEN018", "stride-1 convolution scratch beyond one array", model: "[Model(4096, 512, 512, MaxBatch = 1)]",
            hidden: "[Conv2D(8, 9, Activation.ReLU, Padding = Padding.Same)] public partial Layer [|Conv|] { get; }", drop: Flat,
            fixedModel: "[Model(2048, 512, 512, MaxBatch = 1)]", fixedHidden: "[Conv2D(8, 9, Activation.ReLU, Padding = Padding.Same)] public partial Layer Conv { get; }"),

        // GEN023 a window that does not fit
        Image("GEN023", "kernel larger than the image", "[Conv2D(8, [|29|], Activation.ReLU)] public partial Layer Conv { get; }"),
        Image("GEN023", "dilated kernel wider than the image", "[Conv2D(8, [|5|], Activation.ReLU, Dilation = 7)] public partial Layer Conv { get; }",
            "[Conv2D(8, 5, Activation.ReLU, Dilation = 2)] public partial Layer Conv { get; }"),
        Image("GEN023", "pool window larger than the feature map", Conv + Line + "[MaxPool2D([|27|])] public partial Layer Pool { get; }", Conv + Line + Pool),

        // GEN024 groups that do not divide channels and filters
        Case("GEN024", "groups do not divide the channels", model: "[Model(3, 28, 28, MaxBatch = 32)]",
            hidden: "[Conv2D(8, 3, Activation.ReLU, [|Groups = 2|])] public partial Layer Conv { get; }", drop: Flat,
            fixedModel: "[Model(3, 28, 28, MaxBatch = 32)]", fixedHidden: Conv),
        Case("GEN024", "groups do not divide the filters", model: "[Model(4, 28, 28, MaxBatch = 32)]",
            hidden: "[Conv2D(6, 3, Activation.ReLU, [|Groups = 4|])] public partial Layer Conv { get; }", drop: Flat,
            fixedModel: "[Model(4, 28, 28, MaxBatch = 32)]", fixedHidden: "[Conv2D(6, 3, Activation.ReLU, Groups = 2)] public partial Layer Conv { get; }"),

        // GEN025 image layers on inputs that are not [C, H, W]
        Case("GEN025", "convolution of a flat input", hidden: "[Conv2D(8, 3, Activation.ReLU)] public partial Layer [|Conv|] { get; }", drop: Flat,
            fixedModel: ImageModel, fixedHidden: Conv),
        Case("GEN025", "pooling of a two-dimensional input", model: "[Model(28, 28, MaxBatch = 32)]",
            hidden: "[MaxPool2D(2)] public partial Layer [|Pool|] { get; }", drop: Flat,
            fixedModel: ImageModel, fixedHidden: Pool),
        Case("GEN025", "global pooling of a vector", drop: "[GlobalAveragePool] public partial Layer [|Pool|] { get; }"),
        Case("GEN025", "spatial dropout of features", drop: "[Dropout(0.2, [|Spatial = true|])] public partial Layer Drop1 { get; }"),

        // GEN107 / GEN108 initialisers of convolutions
        Image("GEN107", "Xavier convolution with ReLU", "[Conv2D(8, 3, Activation.ReLU, [|Init = Init.XavierUniform|])] public partial Layer Conv { get; }",
            "[Conv2D(8, 3, Activation.ReLU, Init = Init.HeUniform)] public partial Layer Conv { get; }", fix: true),
        Image("GEN108", "zero convolution filters", "[Conv2D(8, 3, Activation.ReLU, [|Init = Init.Zeros|])] public partial Layer Conv { get; }", Conv, fix: true),

        // GEN109 a linear convolution composed with the next weighted layer
        Image("GEN109", "linear convolution into a convolution",
            "[[|Conv2D(8, 3)|]] public partial Layer Conv { get; }" + Line + "[Conv2D(16, 3, Activation.ReLU)] public partial Layer Conv2 { get; }",
            Conv + Line + "[Conv2D(16, 3, Activation.ReLU)] public partial Layer Conv2 { get; }", fix: true),
        Image("GEN109", "linear convolution through average pooling into the logits",
            "[[|Conv2D(8, 3)|]] public partial Layer Conv { get; }" + Line + "[AvgPool2D(2)] public partial Layer Pool { get; }",
            Conv + Line + "[AvgPool2D(2)] public partial Layer Pool { get; }", fix: true),

        // GEN112 a convolution bias cancelled by per-channel batch norm
        Image("GEN112", "bias before per-channel batch norm",
            "[[|Conv2D(8, 3)|]] public partial Layer Conv { get; }" + Line + "[BatchNorm] public partial Layer Norm { get; }" + Line + "[Activation(Activation.ReLU)] public partial Layer Relu { get; }",
            "[Conv2D(8, 3, UseBias = false)] public partial Layer Conv { get; }" + Line + "[BatchNorm] public partial Layer Norm { get; }" + Line + "[Activation(Activation.ReLU)] public partial Layer Relu { get; }",
            fix: true),

        // GEN120 a strong L2 on a convolution
        Image("GEN120", "L2 0.5 on a convolution", "[Conv2D(8, 3, Activation.ReLU, [|L2 = 0.5|])] public partial Layer Conv { get; }",
            "[Conv2D(8, 3, Activation.ReLU, L2 = 1e-4)] public partial Layer Conv { get; }"),
    };

    /// <summary>A case on the image model: <paramref name="hidden"/> replaces the convolution, a flatten feeds the logits.</summary>
    private static DiagnosticCase Image(string id, string name, string hidden, string fixedHidden = Conv, bool fix = false) =>
        Case(id, name, model: ImageModel, hidden: hidden, drop: Flat, fixedModel: ImageModel, fixedHidden: fixedHidden, fix: fix);
}
