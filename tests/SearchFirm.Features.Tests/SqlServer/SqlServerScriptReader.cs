using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SearchFirm.Features.Tests.SqlServer;

/// <summary>
/// Applies the DDL of SQL Server migration scripts to a <see cref="Schema"/>: CREATE TABLE, ALTER
/// TABLE ADD / ALTER COLUMN / DROP, CREATE INDEX, DROP INDEX, DROP TABLE, in document order.
/// </summary>
internal sealed class SqlServerScriptReader(Schema schema) : TSqlFragmentVisitor
{
    public override void ExplicitVisit(CreateTableStatement node)
    {
        schema.Tables[node.SchemaObjectName.BaseIdentifier.Value] = new(StringComparer.Ordinal);
        Add(node.SchemaObjectName, node.Definition);
    }

    public override void ExplicitVisit(AlterTableAddTableElementStatement node) => Add(node.SchemaObjectName, node.Definition);

    public override void ExplicitVisit(AlterTableAlterColumnStatement node)
    {
        var columns = schema.Tables[node.SchemaObjectName.BaseIdentifier.Value];
        var name = node.ColumnIdentifier.Value;
        var nullable = node.AlterTableAlterColumnOption switch
        {
            AlterTableAlterColumnOption.NotNull => false,
            AlterTableAlterColumnOption.Null => true,
            // ALTER COLUMN with a type and no NULL / NOT NULL makes the column nullable again.
            _ when node.DataType is not null => true,
            _ => columns[name].Nullable,
        };
        columns[name] = new Schema.Column(nullable, node.DataType is null ? columns[name].StorageClass : StorageClass(node.DataType));
    }

    public override void ExplicitVisit(AlterTableDropTableElementStatement node)
    {
        var table = node.SchemaObjectName.BaseIdentifier.Value;
        foreach (var element in node.AlterTableDropTableElements)
        {
            if (element.TableElementType == TableElementType.Column)
                schema.Tables[table].Remove(element.Name.Value);
            else if (element.TableElementType == TableElementType.Index)
                schema.Indexes.Remove(element.Name.Value);
        }
    }

    public override void ExplicitVisit(DropTableStatement node)
    {
        foreach (var table in node.Objects)
        {
            schema.Tables.Remove(table.BaseIdentifier.Value);
            foreach (var index in schema.Indexes.Where(i => i.Value.Table == table.BaseIdentifier.Value).ToList())
                schema.Indexes.Remove(index.Key);
        }
    }

    // SQLite has no INCLUDE: a covering index there carries the included columns as trailing keys,
    // so they are compared as such.
    public override void ExplicitVisit(CreateIndexStatement node) =>
        schema.Indexes[node.Name.Value] = new Schema.Index(node.OnName.BaseIdentifier.Value, node.Unique,
            string.Join(", ", node.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)
                .Concat(node.IncludeColumns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value))));

    public override void ExplicitVisit(DropIndexStatement node)
    {
        foreach (var clause in node.DropIndexClauses.OfType<DropIndexClause>())
            schema.Indexes.Remove(clause.Index.Value);
    }

    private void Add(SchemaObjectName tableName, TableDefinition definition)
    {
        var table = tableName.BaseIdentifier.Value;
        var columns = schema.Tables[table];
        // SQL Server makes primary key columns NOT NULL whether or not the script says so.
        var primaryKey = definition.TableConstraints.OfType<UniqueConstraintDefinition>().Where(c => c.IsPrimaryKey)
            .SelectMany(c => c.Columns).Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToHashSet(StringComparer.Ordinal);

        foreach (var column in definition.ColumnDefinitions)
        {
            var explicitNull = column.Constraints.OfType<NullableConstraintDefinition>().Select(c => (bool?)c.Nullable).FirstOrDefault();
            var inPrimaryKey = primaryKey.Contains(column.ColumnIdentifier.Value)
                               || column.Constraints.OfType<UniqueConstraintDefinition>().Any(c => c.IsPrimaryKey);
            columns[column.ColumnIdentifier.Value] = new Schema.Column(!inPrimaryKey && (explicitNull ?? true), StorageClass(column.DataType));
        }

        foreach (var index in definition.Indexes)
        {
            schema.Indexes[index.Name.Value] = new Schema.Index(table, index.Unique,
                string.Join(", ", index.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)));
        }
    }

    /// <summary>The SQLite declared type a SQL Server type is stored as (see TypeHandlers and db/sqlite).</summary>
    private static string StorageClass(DataTypeReference type) => type is SqlDataTypeReference sql
        ? sql.SqlDataTypeOption switch
        {
            SqlDataTypeOption.Bit or SqlDataTypeOption.TinyInt or SqlDataTypeOption.SmallInt
                or SqlDataTypeOption.Int or SqlDataTypeOption.BigInt => "INTEGER",
            SqlDataTypeOption.Float or SqlDataTypeOption.Real => "REAL",
            SqlDataTypeOption.Binary or SqlDataTypeOption.VarBinary or SqlDataTypeOption.Image => "BLOB",
            // Strings, GUIDs, times and decimals (never REAL: money must not round).
            _ => "TEXT",
        }
        : "TEXT";
}
