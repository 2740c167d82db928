using System.Reflection;
using System.Reflection.Emit;

namespace Reciproca.Web.Tests.Architecture;

/// <summary>An edge of the feature graph with one example of the type-level reference that makes it.</summary>
public sealed record FeatureEdge(string From, string To, Type FromType, Type ToType)
{
    public string Example => $"{Describe(FromType)} -> {Describe(ToType)}";

    private static string Describe(Type type) => (type.FullName ?? type.Name).Replace("Reciproca.Web.Features.", string.Empty, StringComparison.Ordinal);
}

/// <summary>
/// The dependencies between feature folders (namespaces <c>Reciproca.Web.Features.&lt;Feature&gt;[.Sub]</c>) of a compiled
/// assembly: from each type of a feature (compiler-generated closures, state machines and lambdas included) to the
/// types it names in its signatures, base types, attributes and generic arguments, and to the members its method
/// bodies use (read from the IL), so that a handler calling another feature's handler counts even through a local.
/// </summary>
public static class FeatureDependencies
{
    public const string FeaturesNamespace = "Reciproca.Web.Features.";

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The feature of a type, or null outside the feature folders (the root Features namespace included).</summary>
    public static string? FeatureOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[FeaturesNamespace.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Every edge between two different features, with the first example found (in metadata order).</summary>
    public static IReadOnlyDictionary<(string From, string To), FeatureEdge> Edges(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), FeatureEdge>();
        foreach (var type in LoadableTypes(assembly))
        {
            if (FeatureOf(type) is not { } from)
            {
                continue;
            }

            foreach (var referenced in ReferencedTypes(type))
            {
                if (FeatureOf(referenced) is { } to && to != from)
                {
                    edges.TryAdd((from, to), new FeatureEdge(from, to, type, referenced));
                }
            }
        }

        return edges;
    }

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Graph(IEnumerable<FeatureEdge> edges) =>
        edges.GroupBy(edge => edge.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(edge => edge.To).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>The types one type refers to, generic arguments and element types unwrapped.</summary>
    public static IEnumerable<Type> ReferencedTypes(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter || !found.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsConstructedGenericType)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }

            if (t.IsNested)
            {
                Add(t.DeclaringType);
            }
        }

        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
                {
                    Add(argument.Value as Type);
                }
            }
        }

        void AddMember(MemberInfo? member)
        {
            switch (member)
            {
                case Type t:
                    Add(t);
                    break;
                case FieldInfo f:
                    Add(f.DeclaringType);
                    Add(f.FieldType);
                    break;
                case MethodBase m:
                    Add(m.DeclaringType);
                    if (m is MethodInfo info)
                    {
                        Add(info.ReturnType);
                        if (info.IsGenericMethod)
                        {
                            foreach (var argument in info.GetGenericArguments())
                            {
                                Add(argument);
                            }
                        }
                    }

                    foreach (var parameter in SafeParameters(m))
                    {
                        Add(parameter.ParameterType);
                    }

                    break;
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        AddAttributes(type.GetCustomAttributesData());
        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
            AddAttributes(field.GetCustomAttributesData());
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
            AddAttributes(property.GetCustomAttributesData());
        }

        foreach (var e in type.GetEvents(Declared))
        {
            Add(e.EventHandlerType);
        }

        var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
        foreach (var method in methods)
        {
            AddAttributes(method.GetCustomAttributesData());
            AddMember(method);
            foreach (var parameter in SafeParameters(method))
            {
                AddAttributes(parameter.GetCustomAttributesData());
            }

            foreach (var referenced in BodyReferences(method))
            {
                AddMember(referenced);
            }
        }

        found.Remove(type);
        return found;
    }

    private static ParameterInfo[] SafeParameters(MethodBase method)
    {
        try
        {
            return method.GetParameters();
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>The types, fields and methods that a method body refers to: its locals and the operands of its IL.</summary>
    public static IEnumerable<MemberInfo> BodyReferences(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        var il = body.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            OpCode opCode;
            if (il[position] == 0xFE)
            {
                opCode = OpCodeTable.TwoByte[il[position + 1]];
                position += 2;
            }
            else
            {
                opCode = OpCodeTable.OneByte[il[position]];
                position += 1;
            }

            var operandSize = OpCodeTable.OperandSize(opCode.OperandType, il, position);
            if (opCode.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, position);
                if (Resolve(method.Module, token, typeArguments, methodArguments) is { } member)
                {
                    yield return member;
                }
            }

            position += operandSize;
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or FileNotFoundException or MissingMemberException or BadImageFormatException)
        {
            // A token that needs a generic context we do not have: its type is still visible through the signature.
            return null;
        }
    }

    /// <summary>The IL opcodes by their encoding, built from the fields of <see cref="OpCodes"/>.</summary>
    private static class OpCodeTable
    {
        public static readonly OpCode[] OneByte = new OpCode[256];
        public static readonly OpCode[] TwoByte = new OpCode[256];

        static OpCodeTable()
        {
            foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.GetValue(null) is OpCode opCode)
                {
                    var value = (ushort)opCode.Value;
                    if (opCode.Size == 1)
                    {
                        OneByte[value] = opCode;
                    }
                    else
                    {
                        TwoByte[value & 0xFF] = opCode;
                    }
                }
            }
        }

        public static int OperandSize(OperandType operandType, byte[] il, int position) => operandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            // A count, then that many 4-byte branch offsets.
            OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
            _ => 4,
        };
    }
}

/// <summary>The elementary cycles of a small directed graph.</summary>
public static class Cycles
{
    /// <summary>
    /// Every elementary cycle once, as its nodes starting from the smallest (ordinal), e.g. [A, B] for A -> B -> A;
    /// sorted. Each cycle is found from its smallest node by a walk through larger nodes only: fine for a graph of a
    /// dozen feature folders.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var nodes = graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var start in nodes)
        {
            var path = new List<string> { start };
            var onPath = new HashSet<string>(StringComparer.Ordinal) { start };
            Walk(start);

            void Walk(string node)
            {
                foreach (var next in Successors(graph, node))
                {
                    if (next == start)
                    {
                        cycles.Add([.. path]);
                    }
                    else if (string.CompareOrdinal(next, start) > 0 && onPath.Add(next))
                    {
                        path.Add(next);
                        Walk(next);
                        path.RemoveAt(path.Count - 1);
                        onPath.Remove(next);
                    }
                }
            }
        }

        return [.. cycles.OrderBy(c => Describe(c), StringComparer.Ordinal)];
    }

    /// <summary>"A -> B -> A".</summary>
    public static string Describe(IReadOnlyList<string> cycle) => string.Join(" -> ", cycle.Append(cycle[0]));

    private static IEnumerable<string> Successors(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, string node) =>
        graph.TryGetValue(node, out var next) ? next.Order(StringComparer.Ordinal) : [];
}
