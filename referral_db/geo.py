"""Distances on the Earth and the box around Viet Nam, for nearest-service search."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
# Mainland Viet Nam spans about 8.4-23.4 N and 102.1-109.5 E; the margin keeps Côn Đảo and
# Phú Quốc inside. The Spratly and Paracel islands lie outside: no services are listed there.
VIET_NAM_BOX = (8.0, 102.0, 23.5, 110.0)  # south, west, north, east
KM_PER_DEGREE_LAT = 111.32


def in_viet_nam(lat: float, lon: float) -> bool:
    """Whether a point falls inside Viet Nam's bounding box."""
    south, west, north, east = VIET_NAM_BOX
    return south <= lat <= north and west <= lon <= east


def haversine_km(
    lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None
) -> float | None:
    """Great-circle distance in km; None when a point is missing (rows without coordinates)."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a box that contains every point within km of (lat, lon)."""
    dlat = km / KM_PER_DEGREE_LAT
    # Viet Nam never comes near the poles, so cos(lat) stays well above zero.
    dlon = km / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon
