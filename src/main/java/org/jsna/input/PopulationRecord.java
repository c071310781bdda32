package org.jsna.input;

/**
 * One population cell: an area, sex, an age range and a year. A single year of age has
 * {@code ageLow == ageHigh} (90 = 90 and over); an {@code age_band} row has the band's range
 * ({@code 90+} is 90..90). A reader may reuse the instance: copy what you keep.
 */
public final class PopulationRecord {
    /** The file the record comes from, as given (one population may come from several files). */
    public String source;
    public long line;
    public String areaCode;
    /** 'M' or 'F'. */
    public char sex;
    public int ageLow;
    public int ageHigh;
    /** Mid-year of the estimate, or -1 when the file has no year (one population for every period). */
    public int year = -1;
    public long population;
}
