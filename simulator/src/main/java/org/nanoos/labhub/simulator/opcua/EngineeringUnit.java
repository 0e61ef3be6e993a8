package org.nanoos.labhub.simulator.opcua;

import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * An engineering unit as OPC UA publishes it (EUInformation, OPC 10000-8 §5.6.3): a UN/CEFACT Recommendation 20
 * (UNECE) common code such as {@code KEL}, the display symbol and a description. The OPC UA {@code UnitId} is the
 * code's ASCII bytes packed into an Int32, e.g. {@code KEL} → 0x4B454C = 4932940.
 *
 * @param code        UNECE common code, 1–3 upper-case letters or digits
 * @param symbol      display name, e.g. {@code K}
 * @param description description, e.g. {@code kelvin}
 */
public record EngineeringUnit(String code, String symbol, String description) {

    /** Namespace URI of UNECE units in OPC UA's EUInformation. */
    public static final String UNECE_NAMESPACE_URI = "http://www.opcfoundation.org/UA/units/un/cefact";

    /** Form of a common code; declared before the constants, which check against it. */
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,3}");

    /** Kelvin, UNECE {@code KEL}. */
    public static final EngineeringUnit KELVIN = new EngineeringUnit("KEL", "K", "kelvin");
    /** Degree Celsius, UNECE {@code CEL}. */
    public static final EngineeringUnit DEGREE_CELSIUS = new EngineeringUnit("CEL", "°C", "degree Celsius");
    /** Degree of plane angle (e.g. 2θ), UNECE {@code DD}. */
    public static final EngineeringUnit DEGREE = new EngineeringUnit("DD", "°", "degree (plane angle)");
    /** Detector counts: dimensionless, so UNECE {@code C62} ("one") with the symbol {@code counts}. */
    public static final EngineeringUnit COUNTS = new EngineeringUnit("C62", "counts", "detector counts (dimensionless)");
    /** Dimensionless one, UNECE {@code C62}. */
    public static final EngineeringUnit ONE = new EngineeringUnit("C62", "1", "one (dimensionless)");
    /** Percent, UNECE {@code P1}. */
    public static final EngineeringUnit PERCENT = new EngineeringUnit("P1", "%", "percent");
    /** Nanometre, UNECE {@code C45}. */
    public static final EngineeringUnit NANOMETRE = new EngineeringUnit("C45", "nm", "nanometre");
    /** Millimetre, UNECE {@code MMT}. */
    public static final EngineeringUnit MILLIMETRE = new EngineeringUnit("MMT", "mm", "millimetre");
    /** Second, UNECE {@code SEC}. */
    public static final EngineeringUnit SECOND = new EngineeringUnit("SEC", "s", "second");
    /** Pascal, UNECE {@code PAL}. */
    public static final EngineeringUnit PASCAL = new EngineeringUnit("PAL", "Pa", "pascal");

    /** Checks the code's form and that nothing is missing. */
    public EngineeringUnit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(description, "description");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("UNECE common code must be 1-3 of A-Z, 0-9, was '" + code + "'");
        }
    }

    /** OPC UA UnitId: each character of the code shifted in, first character highest. */
    public int unitId() {
        int id = 0;
        for (int i = 0; i < code.length(); i++) {
            id = (id << 8) | code.charAt(i);
        }
        return id;
    }

    /** The OPC UA EUInformation structure. */
    EUInformation toEuInformation() {
        return new EUInformation(UNECE_NAMESPACE_URI, unitId(), LocalizedText.english(symbol),
                LocalizedText.english(description));
    }
}
