using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityPartyPortal.Documents.Excel;

// The package plumbing: the workbook, styles and shared-string parts, the relationship parts and
// [Content_Types].xml, written as zip entries once every sheet is in.
public sealed partial class XlsxWorkbookWriter
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    private void FinishPackage()
    {
        switch (_state)
        {
            case State.Open when _sheets.Count > 0: break;
            case State.Open: throw new InvalidOperationException("Add at least one sheet before completing the workbook.");
            case State.WritingSheet: throw new InvalidOperationException("A sheet is still being written.");
            case State.Faulted: throw new InvalidOperationException("A sheet failed; the workbook cannot be completed.");
            default: throw new InvalidOperationException("The workbook is already completed.");
        }

        try
        {
            WritePart("xl/styles.xml", w => w.WriteElement(XlsxStyles.Build(_extendedStyles)));
            if (_sharedStrings is not null) WritePart("xl/sharedStrings.xml", _sharedStrings.Write);
            WritePart("xl/workbook.xml", w => w.WriteElement(BuildWorkbook()));
            WriteXml("xl/_rels/workbook.xml.rels", WriteWorkbookRelationships);
            WriteXml("_rels/.rels", x =>
            {
                x.WriteStartElement("Relationships", PackageRelationshipsNs);
                Relationship(x, "rId1", RelationshipsNs + "/officeDocument", "xl/workbook.xml");
                x.WriteEndElement();
            });
            WriteXml("[Content_Types].xml", WriteContentTypes);
            _zip.Dispose();
            _state = State.Completed;
        }
        catch
        {
            _state = State.Faulted;
            throw;
        }
    }

    private Workbook BuildWorkbook()
    {
        var workbook = new Workbook();
        workbook.AddNamespaceDeclaration("r", RelationshipsNs);
        workbook.Append(new BookViews(new WorkbookView { ActiveTab = 0 }));
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var s = _sheets[i];
            sheets.Append(new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" });
            var quoted = "'" + s.Name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            if (s.FilterRange is not null)
            {
                names.Append(new DefinedName { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true, Text = quoted + s.FilterRange });
            }
            names.Append(new DefinedName { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i, Text = $"{quoted}${s.FirstHeaderRow}:${s.HeaderRow}" });
        }
        workbook.Append(sheets);
        workbook.Append(names);
        return workbook;
    }

    private void WriteWorkbookRelationships(XmlWriter x)
    {
        x.WriteStartElement("Relationships", PackageRelationshipsNs);
        for (var i = 0; i < _sheets.Count; i++)
        {
            Relationship(x, $"rId{i + 1}", RelationshipsNs + "/worksheet", $"worksheets/sheet{i + 1}.xml");
        }
        Relationship(x, $"rId{_sheets.Count + 1}", RelationshipsNs + "/styles", "styles.xml");
        if (_sharedStrings is not null) Relationship(x, $"rId{_sheets.Count + 2}", RelationshipsNs + "/sharedStrings", "sharedStrings.xml");
        x.WriteEndElement();
    }

    private static void Relationship(XmlWriter x, string id, string type, string target)
    {
        x.WriteStartElement("Relationship", PackageRelationshipsNs);
        x.WriteAttributeString("Id", id);
        x.WriteAttributeString("Type", type);
        x.WriteAttributeString("Target", target);
        x.WriteEndElement();
    }

    private void WriteContentTypes(XmlWriter x)
    {
        const string sml = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        x.WriteStartElement("Types", ContentTypesNs);
        Default(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(x, "xml", "application/xml");
        Override(x, "/xl/workbook.xml", sml + "sheet.main+xml");
        for (var i = 0; i < _sheets.Count; i++) Override(x, $"/xl/worksheets/sheet{i + 1}.xml", sml + "worksheet+xml");
        Override(x, "/xl/styles.xml", sml + "styles+xml");
        if (_sharedStrings is not null) Override(x, "/xl/sharedStrings.xml", sml + "sharedStrings+xml");
        x.WriteEndElement();

        static void Default(XmlWriter x, string extension, string type)
        {
            x.WriteStartElement("Default", ContentTypesNs);
            x.WriteAttributeString("Extension", extension);
            x.WriteAttributeString("ContentType", type);
            x.WriteEndElement();
        }

        static void Override(XmlWriter x, string part, string type)
        {
            x.WriteStartElement("Override", ContentTypesNs);
            x.WriteAttributeString("PartName", part);
            x.WriteAttributeString("ContentType", type);
            x.WriteEndElement();
        }
    }

    private void WritePart(string name, Action<OpenXmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, Compression).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        write(writer);
        writer.Close();
    }

    private void WriteXml(string name, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, Compression).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        write(writer);
        writer.WriteEndDocument();
    }

    /// <summary>The shared-string table built as the rows stream (when <see cref="XlsxWriterOptions.SharedStrings"/> is on).</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _strings = [];
        private long _count;

        public int Add(string text)
        {
            _count++;
            if (_index.TryGetValue(text, out var i)) return i;
            i = _strings.Count;
            _index.Add(text, i);
            _strings.Add(text);
            return i;
        }

        public void Write(OpenXmlWriter w)
        {
            w.WriteStartElement(new SharedStringTable(),
            [
                new OpenXmlAttribute("count", "", _count.ToString(CultureInfo.InvariantCulture)),
                new OpenXmlAttribute("uniqueCount", "", _strings.Count.ToString(CultureInfo.InvariantCulture)),
            ]);
            var item = new SharedStringItem();
            var text = new Text();
            OpenXmlAttribute[] preserve = [new("xml", "space", XmlNs, "preserve")];
            foreach (var s in _strings)
            {
                w.WriteStartElement(item);
                if (NeedsPreserve(s)) w.WriteStartElement(text, preserve);
                else w.WriteStartElement(text);
                w.WriteString(XlsxText.Encode(s));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    private static bool NeedsPreserve(string s) => s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]));
}
